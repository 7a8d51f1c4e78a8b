namespace TapClockify.Tests.Support;

/// <summary>Files of the repository the tests check against (never anything outside it).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tap-clockify.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("tap-clockify.sln not found above " + AppContext.BaseDirectory);
    }
}

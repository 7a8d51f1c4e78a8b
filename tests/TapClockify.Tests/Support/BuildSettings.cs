using System.Reflection;

namespace TapClockify.Tests.Support;

/// <summary>Values the test project's build wrote into this assembly (AssemblyMetadata in its csproj), such as where it packaged the tap.</summary>
public static class BuildSettings
{
    public static string Of(string name) =>
        typeof(BuildSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value!;
}

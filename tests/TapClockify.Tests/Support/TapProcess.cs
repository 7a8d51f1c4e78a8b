using System.Diagnostics;

namespace TapClockify.Tests.Support;

/// <summary>
/// The built tap run as a separate process, as a user or Meltano runs it: for the tests about the
/// process itself (exit codes, the stdout/stderr split, real environment variables).
/// </summary>
public static class TapProcess
{
    /// <summary>
    /// The tap from its own build folder (same configuration and framework as the tests): the copy
    /// beside the tests lacks assemblies that the emulator's ASP.NET framework supplies to them.
    /// </summary>
    public static string TapDll { get; } = Path.Combine(RepoPaths.Root, "tap-clockify", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "tap-clockify.dll");

    public static async Task<TapRun> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(TapDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TAP_CLOCKIFY_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var result = await Command.RunAsync(start, timeout ?? Command.DefaultTimeout);
        return new TapRun(result.ExitCode, result.Stdout, result.Stderr);
    }
}

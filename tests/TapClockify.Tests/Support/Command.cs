using System.Diagnostics;
using Xunit;

namespace TapClockify.Tests.Support;

/// <summary>What a finished program wrote and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Programs run to completion as separate processes: the one way tests start one.</summary>
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="start"/> with its output captured and no input; a run past <paramref name="timeout"/> is killed and throws.</summary>
    public static async Task<CommandResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish in time; stderr: {await stderr}");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a program in <paramref name="folder"/>; a non-zero exit or a timeout fails the test with its output.</summary>
    /// <param name="environment">Variables to set, or to remove where the value is null.</param>
    public static async Task<string> RunOrFailAsync(string command, IEnumerable<string> arguments, string folder,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = StartInfo(command, arguments, folder, environment);
        CommandResult result;
        try
        {
            result = await RunAsync(start, timeout ?? DefaultTimeout);
        }
        catch (TimeoutException late)
        {
            Assert.Fail(late.Message);
            throw;
        }
        Assert.True(result.ExitCode == 0, $"{Describe(start)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Runs a program in <paramref name="folder"/> to completion, whatever its exit code, for tests about how it fails.</summary>
    /// <param name="environment">Variables to set, or to remove where the value is null.</param>
    public static Task<CommandResult> RunAsync(string command, IEnumerable<string> arguments, string folder, IDictionary<string, string?>? environment = null) =>
        RunAsync(StartInfo(command, arguments, folder, environment), DefaultTimeout);

    private static ProcessStartInfo StartInfo(string command, IEnumerable<string> arguments, string folder, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>
    /// The python3 on PATH, resolved once to the interpreter itself: a version manager's shim (pyenv's
    /// is a bash script) cost 0.1 s of CPU on each of the suite's Python runs.
    /// </summary>
    public static string Python3 => ResolvedPython3.Value;

    /// <summary>
    /// <paramref name="arguments"/> for <see cref="Python3"/> running what needs the standard library
    /// alone (the repository's scripts, venv): -S leaves site-packages out, whose .pth files may import
    /// packages at every start (here one cost 70 ms of CPU a run), and a script that comes to need a
    /// package fails here as it would for a user without it.
    /// </summary>
    public static string[] StandardLibraryOnly(params string[] arguments) => ["-S", .. arguments];

    private static readonly Lazy<string> ResolvedPython3 = new(() =>
    {
        var found = RunAsync("python3", StandardLibraryOnly("-c", "import sys; print(sys.executable)"), Path.GetTempPath()).GetAwaiter().GetResult();
        var path = found.Stdout.Trim();
        Assert.True(found.ExitCode == 0 && File.Exists(path), $"python3 -c 'import sys; print(sys.executable)' exited {found.ExitCode}: {found.Stdout}{found.Stderr}");
        return path;
    });

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
}

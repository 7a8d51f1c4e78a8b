using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>The built tap run as a separate process, as a user or Meltano runs it.</summary>
public sealed class TapRun
{
    private TapRun(int exitCode, string stdout, string stderr)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    /// <summary>Every stdout line parsed as a Singer message; throws on any line that is not a JSON object.</summary>
    public SingerOutput Messages => SingerOutput.Parse(Stdout);

    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The tap from its own build folder (same configuration and framework as the tests): the copy
    /// beside the tests lacks assemblies that the emulator's ASP.NET framework supplies to them.
    /// </summary>
    public static string TapDll { get; } = Path.Combine(RepoPaths.Root, "tap-clockify", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "tap-clockify.dll");

    public static async Task<TapRun> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(TapDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TAP_CLOCKIFY_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the tap did not finish in time; stderr: " + await stderr);
        }
        return new TapRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the tap with a config file written from <paramref name="config"/> in a fresh folder.</summary>
    public static async Task<TapRun> WithConfigAsync(JObject config, params string[] arguments)
    {
        var folder = TempFolder.Create();
        var configPath = folder.Write("config.json", config.ToString());
        return await StartAsync(["--config", configPath, .. arguments]);
    }
}

public sealed class TempFolder
{
    private TempFolder(string path) => Path = path;

    public string Path { get; }

    public static TempFolder Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tap-clockify-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempFolder(path);
    }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }
}

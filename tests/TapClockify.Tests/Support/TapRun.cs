using System.Text;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>
/// One run of the tap and what it wrote. Tests run it in process through <see cref="Tap.RunAsync"/>,
/// with stdout and stderr captured and the environment given; <see cref="TapProcess"/> runs the built
/// executable for the few tests about the process itself.
/// </summary>
public sealed class TapRun
{
    internal TapRun(int exitCode, string stdout, string stderr)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    private SingerOutput? _messages;

    /// <summary>Every stdout line parsed as a Singer message (once); throws on any line that is not a JSON object.</summary>
    public SingerOutput Messages => _messages ??= SingerOutput.Parse(Stdout);

    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Runs the tap in process. The environment holds only <paramref name="environment"/>, so a
    /// TAP_CLOCKIFY_ variable set where the tests run does not leak into a run.
    /// </summary>
    /// <param name="clock">
    /// The run's clock: unless a test gives its own, a new <see cref="FastForwardClock"/>, so the tap's
    /// waits end at once. At the tests' 1000 requests a second, the pacing gap before each request
    /// woke the thread pool for a 1 ms timer: a sync of the default dataset cost about twice the CPU
    /// on the system's clock.
    /// </param>
    public static async Task<TapRun> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        TimeProvider? clock = null)
    {
        var variables = environment ?? new Dictionary<string, string>();
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        using var cancel = new CancellationTokenSource();
        var run = Task.Run(() => Tap.RunAsync([.. arguments], stdout, stderr, clock ?? new FastForwardClock(),
            name => variables.TryGetValue(name, out var value) ? value : null, cancel.Token));
        int exitCode;
        try
        {
            exitCode = await run.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            await cancel.CancelAsync();
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
            throw new TimeoutException($"the tap did not finish in {limit.TotalSeconds:0} s; stderr: {(run.IsCompleted ? stderr.ToString() : "(still running)")}");
        }
        return new TapRun(exitCode, Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length), stderr.ToString());
    }

    /// <summary>Runs the tap with a config file written from <paramref name="config"/> in a fresh folder.</summary>
    public static Task<TapRun> WithConfigAsync(JObject config, params string[] arguments) => WithConfigAsync(config, null, arguments);

    /// <summary>Runs the tap on <paramref name="clock"/> (null: as <see cref="StartAsync"/> chooses) with a config file written from <paramref name="config"/> in a fresh folder.</summary>
    public static async Task<TapRun> WithConfigAsync(JObject config, TimeProvider? clock, params string[] arguments)
    {
        var folder = TempFolder.Create();
        var configPath = folder.Write("config.json", config.ToString());
        return await StartAsync(["--config", configPath, .. arguments], clock: clock);
    }
}

public sealed class TempFolder
{
    private TempFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// This test run's folder under the temp folder, deleted when the run's process exits; folders a
    /// run left a day ago or more (one killed before its exit) go when the next run starts.
    /// </summary>
    private static readonly Lazy<string> RunFolder = new(() =>
    {
        var parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tap-clockify-tests");
        Directory.CreateDirectory(parent);
        foreach (var left in new DirectoryInfo(parent).EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try { left.Delete(recursive: true); }
            catch (IOException) { } // in use by another run: the next one tries again
            catch (UnauthorizedAccessException) { }
        }
        var run = System.IO.Path.Combine(parent, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(run);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(run, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
        return run;
    });

    public static TempFolder Create()
    {
        var path = System.IO.Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N"));
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

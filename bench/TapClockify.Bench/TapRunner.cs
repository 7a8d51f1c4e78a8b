using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace TapClockify.Bench;

/// <summary>What one run of the tap process gave.</summary>
public sealed record TapRunResult(
    int? ExitCode,
    bool TimedOut,
    TimeSpan Wall,
    TimeSpan? CpuExact,
    TimeSpan CpuPolled,
    long PeakResidentBytes,
    string PeakResidentSource,
    int PeakThreads,
    int MonitorSamples,
    SingerStdoutCounter Stdout,
    string StderrPath,
    TapSummary? Summary,
    TimeSpan BenchCpu,
    TimeSpan? MachineBusy,
    TimeSpan MachineWindow,
    IReadOnlyList<(string Name, TimeSpan Cpu)> BenchThreads,
    IReadOnlyList<(string Name, TimeSpan Cpu)> TapThreads,
    long StartedAt)
{
    public TimeSpan Cpu => CpuExact ?? CpuPolled;
}

/// <summary>The tap's closing stderr line: "N requests, N retries, S s; records: ...".</summary>
public sealed partial record TapSummary(long Requests, long Retries, double Seconds, string Line)
{
    public static TapSummary? Find(IEnumerable<string> stderrLines)
    {
        TapSummary? last = null;
        foreach (var line in stderrLines)
        {
            var match = SummaryPattern().Match(line);
            if (match.Success)
            {
                last = new TapSummary(long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value),
                    double.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), line.Trim());
            }
        }
        return last;
    }

    [GeneratedRegex(@"(\d+) requests, (\d+) retries, ([0-9.]+) s")]
    private static partial Regex SummaryPattern();
}

/// <summary>How the tap is started: <c>dotnet tap-clockify.dll</c>, or a published executable run as it is.</summary>
public sealed record TapCommand(string FileName, IReadOnlyList<string> Leading, string Path)
{
    public static TapCommand Dll(string path) => new("dotnet", [path], path);

    public static TapCommand Executable(string path) => new(path, [], path);

    public ProcessStartInfo Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Leading.Concat(arguments)) start.ArgumentList.Add(argument);
        return start;
    }

    public override string ToString() => string.Join(' ', Leading.Prepend(FileName));
}

/// <summary>Builds the tap and runs it as a separate process, the way a user or Meltano runs it.</summary>
public static class TapRunner
{
    public static string DefaultTapDll(string repoRoot) =>
        Path.Combine(repoRoot, "tap-clockify", "bin", "Release", "net10.0", "tap-clockify.dll");

    /// <summary>
    /// What users install: scripts/package.sh for this machine's runtime (Native AOT where the machine
    /// can compile it), the binary of its archive left under <paramref name="artifacts"/>/publish/RID/.
    /// </summary>
    public static async Task<string> PackageAsync(string repoRoot, string artifacts, TextWriter log)
    {
        var rid = (OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        log.WriteLine($"packaging the tap as it ships: ARTIFACTS={artifacts} bash scripts/package.sh {rid}");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repoRoot };
        start.ArgumentList.Add(Path.Combine("scripts", "package.sh"));
        start.ArgumentList.Add(rid);
        start.Environment["ARTIFACTS"] = artifacts;
        await RunToEndAsync(start, "packaging the tap");
        log.WriteLine($"packaged in {watch.Elapsed.TotalSeconds:0.0} s");
        return Path.Combine(artifacts, "publish", rid, "tap-clockify");
    }

    private static async Task RunToEndAsync(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {process.ExitCode}); pass --no-build to run the last Release build "
                + $"or --tap-dll / --tap-binary to run another:\n{await stdout}{await stderr}");
        }
    }

    /// <summary>dotnet build tap-clockify -c Release; throws with the build's output when it fails.</summary>
    public static async Task BuildAsync(string repoRoot, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
        };
        foreach (var argument in new[] { "build", Path.Combine("tap-clockify", "tap-clockify.csproj"), "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }
        log.WriteLine("building the tap: dotnet build tap-clockify/tap-clockify.csproj -c Release");
        var watch = Stopwatch.StartNew();
        await RunToEndAsync(start, "building the tap");
        log.WriteLine($"built in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The default of a setting as the tap's --about reports it; (false, null) when the tap has no such setting.</summary>
    public static async Task<(bool Known, JToken? Default)> SettingDefaultAsync(TapCommand tap, string setting)
    {
        using var process = Process.Start(tap.Start("--about", "--format", "json"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        try
        {
            var property = JObject.Parse(await stdout)["settings"]?["properties"]?[setting];
            return property is null ? (false, null) : (true, property["default"]);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return (false, null);
        }
    }

    public static async Task<TapRunResult> RunAsync(TapCommand tap, string configPath, string catalogPath, string stderrPath, TimeSpan timeout)
    {
        var start = tap.Start("--config", configPath, "--catalog", catalogPath);
        start.RedirectStandardInput = true;
        start.WorkingDirectory = Path.GetDirectoryName(configPath)!;
        // Settings from the environment would override nothing the config sets, but could add some: keep the run exact.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TAP_CLOCKIFY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var threadsBefore = ThreadsCpu.ByName();
        var usageBefore = ChildrenUsage.Read();
        var machineBefore = MachineCpu.Busy();
        var machineWatch = Stopwatch.StartNew();
        var startedAt = Stopwatch.GetTimestamp();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var monitor = new ProcessMonitor(process.Id, TimeSpan.FromMilliseconds(50));
        process.StandardInput.Close();

        var counter = new SingerStdoutCounter();
        using var cancel = new CancellationTokenSource(timeout);
        var readStdout = counter.ReadToEndOnOwnThreadAsync(process.StandardOutput.BaseStream);
        var copyStderr = Task.Run(async () =>
        {
            await using var file = File.Create(stderrPath);
            await process.StandardError.BaseStream.CopyToAsync(file);
        });

        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var wall = watch.Elapsed;
        await Task.WhenAll(readStdout, copyStderr);
        monitor.Stop();
        var usageAfter = ChildrenUsage.Read();
        var machineAfter = MachineCpu.Busy();
        var machineWindow = machineWatch.Elapsed;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
        var benchThreads = ThreadsCpu.Difference(threadsBefore, ThreadsCpu.ByName());

        TimeSpan? cpuExact = usageBefore is { } before && usageAfter is { } after ? after.Cpu - before.Cpu : null;
        // Not getrusage's maxrss: Linux counts in it the memory a child shared with this process between
        // fork and exec, so it reported this process's size (the emulator's dataset, over 100 MB) for a
        // tap that peaked at 30 MB. VmHWM belongs to the tap's own image.
        var (peak, source) = (monitor.PeakResidentBytes, "/proc VmHWM polled every 50 ms");

        var summary = TapSummary.Find(File.ReadLines(stderrPath));
        return new TapRunResult(timedOut ? null : process.ExitCode, timedOut, wall, cpuExact, monitor.LastCpu, peak, source,
            monitor.PeakThreads, monitor.Samples, counter, stderrPath, summary, benchCpu, machineAfter - machineBefore, machineWindow, benchThreads, ThreadsCpu.Difference([], monitor.ThreadsByName), startedAt);
    }
}

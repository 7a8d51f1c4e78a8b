using CommandLine;
using Clockify.Emulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Bench;

// Benchmark of tap-clockify against the in-repo Clockify emulator; see README.md, "Benchmark".
// It reports figures beside their targets and exits 0 whether or not the targets are met;
// it exits 2 only when it could not run the tap at all.

var parsed = new Parser(settings => { settings.HelpWriter = Console.Error; settings.CaseSensitive = true; })
    .ParseArguments<BenchOptions>(args);
if (parsed is NotParsed<BenchOptions> notParsed) return notParsed.Errors.IsHelp() || notParsed.Errors.IsVersion() ? 0 : 2;
var options = ((Parsed<BenchOptions>)parsed).Value;
if (options.Validate() is { } problem)
{
    Console.Error.WriteLine($"tap-clockify bench: {problem}");
    return 2;
}

var log = Console.Out;
var repoRoot = RepoLayout.FindRoot();
var workDir = options.WorkDir ?? Path.Combine(Path.GetTempPath(), "tap-clockify-bench", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'"));
Directory.CreateDirectory(workDir);

var users = options.ResolvedUsers;
var entriesPerUser = options.ResolvedEntriesPerUser;
log.WriteLine($"command: {options.Describe()}");
log.WriteLine($"work folder: {workDir}");

TapCommand tap;
try
{
    if (options.Shipped) tap = TapCommand.Executable(await TapRunner.PackageAsync(repoRoot, Path.Combine(workDir, "artifacts"), log));
    else if (options.TapBinary is { } binary) tap = TapCommand.Executable(Path.GetFullPath(binary));
    else
    {
        tap = TapCommand.Dll(options.TapDll ?? TapRunner.DefaultTapDll(repoRoot));
        if (options.TapDll is null && !options.NoBuild) await TapRunner.BuildAsync(repoRoot, log);
    }
    if (!File.Exists(tap.Path))
    {
        throw new FileNotFoundException(options.TapDll is null && options.TapBinary is null
            ? $"{tap.Path} does not exist; build it with `dotnet build tap-clockify -c Release` or drop --no-build"
            : $"{tap.Path} does not exist");
    }
}
catch (Exception error) when (error is InvalidOperationException or FileNotFoundException)
{
    Console.Error.WriteLine($"tap-clockify bench: {error.Message}");
    return 2;
}

// What concurrency the run has: the option, else the tap's own default (1 if it has no such setting).
var (concurrencyKnown, concurrencyDefault) = await TapRunner.SettingDefaultAsync(tap, "max_concurrency");
var effectiveConcurrency = options.Concurrency ?? (concurrencyKnown && concurrencyDefault?.Type == JTokenType.Integer ? (int)concurrencyDefault : 1);
var concurrencyNote = options.Concurrency is not null
    ? (concurrencyKnown ? "" : " (the tap has no max_concurrency setting: ignored, 1 in flight)")
    : concurrencyKnown ? " (tap default)" : " (the tap has no max_concurrency setting: 1 in flight)";
if (options.Concurrency is not null && !concurrencyKnown) effectiveConcurrency = 1;
log.WriteLine($"requests in flight: {effectiveConcurrency}{concurrencyNote}");

// The dataset's entries lie in the 400 days before its "now"; keep that in the past so the tap,
// which reads up to the moment its sync starts, sees every one.
var datasetNow = EmulatorDataset.DefaultNow < DateTimeOffset.UtcNow.AddDays(-1)
    ? EmulatorDataset.DefaultNow
    : new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1).UtcDateTime.Date, TimeSpan.Zero);
var startDate = datasetNow - TimeSpan.FromDays(410);
var buildWatch = System.Diagnostics.Stopwatch.StartNew();
var dataset = EmulatorDataset.CreateLarge(users, entriesPerUser, datasetNow);
log.WriteLine($"dataset: {users} users x {entriesPerUser} entries = {(long)users * entriesPerUser:N0} time entries, built in {buildWatch.Elapsed.TotalSeconds:0.00} s");

ProbeResult? probe = null;
if (options.DetailedReport) log.WriteLine("no emulator probe: it measures the per-user pages, not the report's");
else if (options.ProbePages > 0)
{
    log.WriteLine($"probing the emulator: {options.ProbePages} time-entry pages of {Math.Min(options.PageSize, entriesPerUser)} entries, no latency, no rate limit");
    probe = await EmulatorProbe.RunAsync(dataset, entriesPerUser, startDate, options.ProbePages, options.PageSize, parallel: Math.Max(2, effectiveConcurrency));
}

IReadOnlyList<ReportWindow>? reportWindows = null;
var windowDays = 31;
if (options.DetailedReport)
{
    var (windowKnown, windowDefault) = await TapRunner.SettingDefaultAsync(tap, "report_window_days");
    if (windowKnown && windowDefault?.Type == JTokenType.Integer) windowDays = (int)windowDefault;
    await using var counter = await ClockifyEmulator.StartAsync(dataset, new EmulatorOptions());
    reportWindows = await RequestPlan.ReportWindowsAsync(counter, dataset, startDate, windowDays);
}

var emulatorOptions = new EmulatorOptions
{
    RateLimitPerSecond = options.Rate,
    Latency = TimeSpan.FromMilliseconds(options.LatencyMs),
};
await using var emulator = await ClockifyEmulator.StartAsync(dataset, emulatorOptions);

JObject ConfigStarting(DateTimeOffset start)
{
    var config = new JObject
    {
        ["api_key"] = EmulatorDataset.AdminApiKey,
        ["api_url"] = emulator.ApiUrl,
        ["reports_url"] = emulator.ReportsUrl,
        ["max_requests_per_second"] = options.Rate,
        ["page_size"] = options.PageSize,
        ["start_date"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["log_level"] = "info",
    };
    if (options.Concurrency is { } concurrency) config["max_concurrency"] = concurrency;
    if (options.DetailedReport) config["time_entries_source"] = "detailed_report";
    return config;
}

var config = ConfigStarting(startDate);
var configPath = Path.Combine(workDir, "config.json");
var catalogPath = Path.Combine(workDir, "catalog.json");
var stderrPath = Path.Combine(workDir, "tap-stderr.log");
await File.WriteAllTextAsync(configPath, config.ToString(Formatting.Indented));
await File.WriteAllTextAsync(catalogPath, RepoLayout.CatalogSelecting(repoRoot, "time_entries").ToString(Formatting.Indented));

log.WriteLine($"running: {tap} --config {configPath} --catalog {catalogPath}");
var run = await TapRunner.RunAsync(tap, configPath, catalogPath, stderrPath, TimeSpan.FromMinutes(options.TimeoutMinutes));
var served = emulator.Requests.All;

// The same run once more, starting after the newest entry: the same workspace, user and time-entry
// requests, each answered with no entries. Its CPU is the fixed cost (start-up, JIT, requests);
// what the full run took beyond it is the cost of the records.
var fixedConfigPath = Path.Combine(workDir, "config-no-entries.json");
await File.WriteAllTextAsync(fixedConfigPath, ConfigStarting(datasetNow).ToString(Formatting.Indented));
log.WriteLine($"fixed cost: {tap} --config {fixedConfigPath} --catalog {catalogPath}");
var fixedRun = await TapRunner.RunAsync(tap, fixedConfigPath, catalogPath, Path.Combine(workDir, "tap-stderr-no-entries.log"), TimeSpan.FromMinutes(options.TimeoutMinutes));

var workspaceCalls = served.Count(r => r.Path.TrimEnd('/').EndsWith("/api/v1/workspaces", StringComparison.Ordinal));
RequestPlan plan;
if (reportWindows is not null) plan = RequestPlan.DetailedReport(dataset, reportWindows, windowDays, options.PageSize, workspaceCalls);
else plan = RequestPlan.PerUser(dataset, entriesPerUser, startDate, options.PageSize, workspaceCalls);

BaselineResult? baseline = null;
if (!options.NoBaseline)
{
    log.WriteLine($"baseline: a do-nothing client making the fewest requests at {options.Rate} req/s, {effectiveConcurrency} in flight");
    baseline = await BaselineClient.RunAsync(dataset, plan, options.Rate, emulatorOptions.Latency, effectiveConcurrency);
}

var report = new BenchReport(options, users, entriesPerUser, effectiveConcurrency, concurrencyNote, run, fixedRun, served, plan, probe, baseline, Environment.ProcessorCount);
report.Print(log);
await File.WriteAllTextAsync(Path.Combine(workDir, "results.json"), report.ToJson().ToString(Formatting.Indented));
log.WriteLine($"results: {Path.Combine(workDir, "results.json")}; tap stderr: {stderrPath}");
return 0;

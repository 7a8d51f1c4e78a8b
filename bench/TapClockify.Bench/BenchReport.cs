using System.Globalization;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;

namespace TapClockify.Bench;

/// <summary>The figures of one run, each beside its target, and the bounds that limit the wall time.</summary>
public sealed class BenchReport
{
    public const double MaxRequestRatio = 1.05;
    public const double MaxWallOverFloor = 1.15;
    /// <summary>Wall time of the tap over that of a client doing nothing with the same pages at the same pace.</summary>
    public const double MaxWallOverBaseline = 1.10;
    public const double MaxPeakMegabytes = 100;
    /// <summary>CPU seconds per million records at a million, start-up included.</summary>
    public const double MaxCpuPerMillion = 2.5;
    /// <summary>The hourly-sized run: this many entries within this much CPU, start-up included.</summary>
    public const int SmallRunRecords = 20_000;
    public const double MaxSmallRunCpuSeconds = 0.5;
    private const string TimeEntries = "time_entries";

    private readonly BenchOptions options;
    private readonly int users;
    private readonly int entriesPerUser;
    private readonly int concurrency;
    private readonly string concurrencyNote;
    private readonly TapRunResult run;
    private readonly TapRunResult fixedRun;
    private readonly IReadOnlyList<ServedRequest> served;
    private readonly RequestPlan plan;
    private readonly ProbeResult? probe;
    private readonly BaselineResult? baseline;
    private readonly int cores;
    private readonly List<Row> rows = [];

    public BenchReport(BenchOptions options, int users, int entriesPerUser, int concurrency, string concurrencyNote, TapRunResult run, TapRunResult fixedRun, IReadOnlyList<ServedRequest> served, RequestPlan plan, ProbeResult? probe, BaselineResult? baseline, int cores)
    {
        this.options = options;
        this.users = users;
        this.entriesPerUser = entriesPerUser;
        this.concurrency = concurrency;
        this.concurrencyNote = concurrencyNote;
        this.run = run;
        this.fixedRun = fixedRun;
        this.served = served;
        this.plan = plan;
        this.probe = probe;
        this.baseline = baseline;
        this.cores = cores;
        Compute();
    }

    private static CultureInfo Inv => CultureInfo.InvariantCulture;

    // Inputs and derived figures, computed once.
    public long Records { get; private set; }
    public long ExpectedRecords => (long)users * entriesPerUser;
    public double WallSeconds => run.Wall.TotalSeconds;
    public int RequestsMade => served.Count;
    public int WorkspaceListRequests { get; private set; }
    public int UserPageRequests { get; private set; }
    public int TimeEntryPageRequests { get; private set; }
    public int OtherRequests { get; private set; }
    public int TooManyRequests { get; private set; }
    public int OtherFailures { get; private set; }
    public long FewestRequests => plan.Requests.Count;
    public int EntriesPerFullPage => options.DetailedReport ? RequestPlan.ReportPageSize : Math.Max(1, Math.Min(options.PageSize, entriesPerUser));
    public double FloorSeconds => (double)RequestsMade / options.Rate;

    private void Compute()
    {
        Records = run.Stdout.RecordsOf(TimeEntries);
        foreach (var request in served)
        {
            var path = request.Path.TrimEnd('/');
            if (path.EndsWith("/api/v1/workspaces", StringComparison.Ordinal)) WorkspaceListRequests++;
            else if (path.EndsWith("/time-entries", StringComparison.Ordinal) || path.EndsWith("/reports/detailed", StringComparison.Ordinal)) TimeEntryPageRequests++;
            else if (path.EndsWith("/users", StringComparison.Ordinal)) UserPageRequests++;
            else OtherRequests++;
            if (request.Status == 429) TooManyRequests++;
            else if (request.Status is < 200 or >= 300) OtherFailures++;
        }

        var cpuSeconds = run.Cpu.TotalSeconds;
        var cpuPerMillion = Records > 0 ? cpuSeconds / Records * 1e6 : double.NaN;
        var oneCoreRecordsPerSecond = cpuSeconds > 0 ? Records / cpuSeconds : double.NaN;
        var rateLimitRecordsPerSecond = (double)options.Rate * EntriesPerFullPage;
        var coresNeeded = rateLimitRecordsPerSecond / oneCoreRecordsPerSecond;
        var peakMegabytes = run.PeakResidentBytes / 1e6;
        var requestRatio = (double)RequestsMade / FewestRequests;
        var wallOverFloor = WallSeconds / FloorSeconds;
        var minRecordsPerSecond = ExpectedRecords / (MaxWallOverFloor * FloorSeconds);

        Add("time_entries records", $"{Records:N0}", $"= {ExpectedRecords:N0} (users x entries)", Records == ExpectedRecords);
        Add("records per second (wall)", $"{Records / WallSeconds:N0}", $">= {minRecordsPerSecond:N0} (records / (1.15 x floor))",
            Records / WallSeconds >= minRecordsPerSecond);
        Add("wall time (tap process)", $"{WallSeconds:0.00} s", $"<= {MaxWallOverFloor * FloorSeconds:0.00} s", null);
        Add("rate-limit floor", $"{FloorSeconds:0.00} s", $"= {RequestsMade} requests / {options.Rate} req/s", null);
        Add("wall / floor", $"{wallOverFloor:0.00}x", $"<= {MaxWallOverFloor:0.00}x", wallOverFloor <= MaxWallOverFloor);
        if (baseline is not null)
        {
            var baselineRatio = baseline.Wall.TotalSeconds / baseline.FloorSeconds(options.Rate);
            Add("do-nothing client wall / floor", $"{baselineRatio:0.00}x", $"<= {MaxWallOverFloor:0.00}x (else the harness is the limit)",
                baselineRatio <= MaxWallOverFloor);
            var overBaseline = WallSeconds / baseline.Wall.TotalSeconds;
            Add("wall / do-nothing client wall", $"{overBaseline:0.00}x", $"<= {MaxWallOverBaseline:0.00}x", overBaseline <= MaxWallOverBaseline);
        }
        Add("requests made", $"{RequestsMade}", $"fewest possible {FewestRequests}", null);
        Add("requests / fewest", $"{requestRatio:0.000}", $"<= {MaxRequestRatio:0.00}", requestRatio <= MaxRequestRatio);
        var smallRun = ExpectedRecords <= SmallRunRecords;
        Add("tap CPU time", $"{cpuSeconds:0.00} s", smallRun ? $"<= {MaxSmallRunCpuSeconds:0.0} s (a run of up to {SmallRunRecords:N0} entries)" : run.CpuExact is null ? "(polled /proc)" : "(getrusage, exact)",
            smallRun ? cpuSeconds <= MaxSmallRunCpuSeconds : null);
        Add("CPU s per million records", Format(cpuPerMillion, "0.00"), $"<= {MaxCpuPerMillion:0.0} at 1M, start-up included",
            smallRun || double.IsNaN(cpuPerMillion) ? null : cpuPerMillion <= MaxCpuPerMillion);
        var fixedSeconds = fixedRun.Cpu.TotalSeconds;
        Add("fixed cost (tap CPU, no entries)", $"{fixedSeconds:0.00} s", $"the same requests answered empty, exit {fixedRun.ExitCode}", null);
        var perRecord = Records > 0 ? (cpuSeconds - fixedSeconds) / Records * 1e6 : double.NaN;
        Add("CPU per record beyond it", $"{Format(perRecord, "0.00")} us", "= (tap CPU - fixed cost) / records", null);
        Add("cores needed at the rate limit", Format(coresNeeded, "0.00"), "<= 1.00 (see definition)",
            double.IsNaN(coresNeeded) ? null : coresNeeded <= 1.0);
        Add("peak resident memory", $"{peakMegabytes:0.0} MB", $"<= {MaxPeakMegabytes:0} MB", peakMegabytes <= MaxPeakMegabytes);
        Add("429s served by the emulator", $"{TooManyRequests}", "0", TooManyRequests == 0);
        Add("retries (tap summary)", run.Summary is { } s ? $"{s.Retries}" : "n/a", "0", run.Summary is { } s2 ? s2.Retries == 0 : null);
        Add("tap exit code", run.TimedOut ? "timed out" : $"{run.ExitCode}", "0", !run.TimedOut && run.ExitCode == 0);

        OneCoreRecordsPerSecond = oneCoreRecordsPerSecond;
        RateLimitRecordsPerSecond = rateLimitRecordsPerSecond;
        CoresNeeded = coresNeeded;
        CpuPerMillion = cpuPerMillion;
        MicrosecondsPerRecord = perRecord;
    }

    public double MicrosecondsPerRecord { get; private set; }

    public double OneCoreRecordsPerSecond { get; private set; }
    public double RateLimitRecordsPerSecond { get; private set; }
    public double CoresNeeded { get; private set; }
    public double CpuPerMillion { get; private set; }

    private static string Format(double value, string format) => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, Inv);

    private void Add(string figure, string value, string target, bool? met) => rows.Add(new Row(figure, value, target, met));

    public void Print(TextWriter output)
    {
        var concurrencyText = concurrency.ToString(Inv) + concurrencyNote;
        output.WriteLine();
        output.WriteLine($"tap-clockify benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {cores} cores, .NET {Environment.Version}");
        output.WriteLine($"  {users} users x {entriesPerUser} entries, latency {options.LatencyMs} ms, rate limit {options.Rate} req/s "
            + $"(emulator enforced, tap max_requests_per_second), page_size {options.PageSize}, max_concurrency {concurrencyText}, "
            + $"time_entries_source {options.Source}");
        output.WriteLine();

        var widths = new[] { "figure".Length, "value".Length, "target".Length };
        foreach (var row in rows)
        {
            widths[0] = Math.Max(widths[0], row.Figure.Length);
            widths[1] = Math.Max(widths[1], row.Value.Length);
            widths[2] = Math.Max(widths[2], row.Target.Length);
        }
        void Line(string a, string b, string t, string v) =>
            output.WriteLine($"  {a.PadRight(widths[0])}  {b.PadLeft(widths[1])}  {t.PadRight(widths[2])}  {v}".TrimEnd());
        Line("figure", "value", "target", "");
        Line(new string('-', widths[0]), new string('-', widths[1]), new string('-', widths[2]), "------");
        foreach (var row in rows) Line(row.Figure, row.Value, row.Target, row.Met switch { true => "ok", false => "MISSED", null => "" });

        output.WriteLine();
        output.WriteLine("Definitions");
        output.WriteLine($"  fewest requests = {plan.Formula}");
        output.WriteLine($"  requests made   = {RequestsMade}: /workspaces {WorkspaceListRequests}, users pages {UserPageRequests}, "
            + $"time-entry pages {TimeEntryPageRequests}, other {OtherRequests}; 429 {TooManyRequests}, other non-2xx {OtherFailures}"
            + (run.Summary is { } s ? $"; the tap counted {s.Requests}" : ""));
        output.WriteLine($"  floor           = requests made / rate = {RequestsMade} / {options.Rate} = {FloorSeconds:0.00} s (the emulator's sliding window"
            + " would let the first second's requests through at once, so the true floor is up to 1 s lower)");
        output.WriteLine($"  one-core pace   = records / tap CPU seconds = {Format(OneCoreRecordsPerSecond, "N0")} records/s "
            + "(all of the tap's CPU, start-up and JIT included, charged to its records)");
        output.WriteLine($"  rate-limit pace = rate x entries per full page = {options.Rate} x {EntriesPerFullPage} = {RateLimitRecordsPerSecond:N0} records/s");
        output.WriteLine($"  cores needed    = rate-limit pace / one-core pace = {Format(CoresNeeded, "0.00")}: "
            + (double.IsNaN(CoresNeeded) ? "n/a"
                : CoresNeeded <= 1 ? $"one core keeps up with {1 / CoresNeeded:0.0}x the rate limit's record rate"
                : $"one core keeps up with only {1 / CoresNeeded:0.00}x the rate limit's record rate"));
        output.WriteLine($"  peak memory     = {run.PeakResidentSource} ({run.MonitorSamples} samples; peak threads {run.PeakThreads})");

        output.WriteLine();
        output.WriteLine("Bounds on the wall time (estimates; the largest is what limits the run)");
        foreach (var (name, seconds, note) in Bounds()) output.WriteLine($"  {name,-30} {seconds,7:0.00} s  {note}");

        output.WriteLine();
        new RequestTimeline(served, run.StartedAt, run.Wall, options.Rate, options.LatencyMs).Print(output);

        output.WriteLine();
        output.WriteLine("Process figures");
        output.WriteLine($"  tap stdout: {run.Stdout.Bytes / 1e6:N1} MB, {run.Stdout.Lines:N0} lines: {run.Stdout.Records:N0} RECORD "
            + $"({string.Join(", ", run.Stdout.RecordsByStream.Select(p => $"{p.Key} {p.Value:N0}"))}), {run.Stdout.States} STATE, "
            + $"{run.Stdout.Schemas} SCHEMA, {run.Stdout.OtherMessages} other, {run.Stdout.Unparsed} unparsed");
        output.WriteLine($"  tap summary: {run.Summary?.Line ?? "(no summary line on stderr)"}");
        if (run.TapThreads.Count > 0)
        {
            output.WriteLine("  tap CPU by thread (live at the last 0.5 s sample): "
                + string.Join(", ", run.TapThreads.Take(8).Select(t => $"{t.Name} {t.Cpu.TotalSeconds:0.00} s")));
        }
        var readerCpu = run.Stdout.ReaderCpu;
        output.WriteLine($"  bench process CPU during the run: {run.BenchCpu.TotalSeconds:0.00} s"
            + (readerCpu is { } r ? $" = stdout reader {r.TotalSeconds:0.00} s + emulator and the rest {(run.BenchCpu - r).TotalSeconds:0.00} s" : " (emulator and stdout reader)"));
        if (readerCpu is { } reader && TimeEntryPageRequests > 0)
        {
            var perPage = (run.BenchCpu - reader).TotalMilliseconds / TimeEntryPageRequests;
            output.WriteLine($"  emulator CPU per time-entry page during the run: {perPage:0.0} ms (all its CPU over the {TimeEntryPageRequests} pages; "
                + $"{1000 / perPage:0.0} pages/s per core, the rate asks for {options.Rate})");
        }
        if (run.BenchThreads.Count > 0)
        {
            output.WriteLine("  bench process CPU by thread (live threads): "
                + string.Join(", ", run.BenchThreads.Take(8).Select(t => $"{t.Name} {t.Cpu.TotalSeconds:0.00} s")));
        }
        if (run.MachineBusy is { } busy)
        {
            var others = busy - run.Cpu - run.BenchCpu;
            output.WriteLine($"  machine CPU busy during the run: {busy.TotalSeconds:0.00} s of {run.MachineWindow.TotalSeconds * cores:0.00} s available; "
                + $"other processes {Math.Max(0, others.TotalSeconds):0.00} s"
                + (others.TotalSeconds > 0.1 * WallSeconds ? " (the machine was not idle: figures are noisy)" : ""));
        }
        if (probe is not null)
        {
            output.WriteLine($"  emulator probe (no latency, no limit): {probe.MsPerPage:0.0} ms per page of {probe.EntriesPerPage} entries "
                + $"({probe.BytesPerPage / 1e6:0.00} MB), {probe.EntriesPerSecond:N0} entries/s, {probe.MegabytesPerSecond:0} MB/s one at a time; "
                + $"{probe.ParallelPagesPerSecond:0.0} pages/s ({probe.ParallelEntriesPerSecond:N0} entries/s) with {probe.ParallelRequests} in flight");
        }
        output.WriteLine();
    }

    /// <summary>Lower bounds on the wall time, each from one resource.</summary>
    public IReadOnlyList<(string Name, double Seconds, string Note)> Bounds()
    {
        var bounds = new List<(string, double, string)>
        {
            ("rate limit", FloorSeconds, $"{RequestsMade} requests / {options.Rate} req/s"),
        };
        var inFlight = concurrency;
        var serveMs = probe?.MsPerPage ?? 0;
        var latencyBound = (RequestsMade * (double)options.LatencyMs + TimeEntryPageRequests * serveMs) / 1000 / inFlight;
        bounds.Add(("latency + serving in flight", latencyBound,
            $"(requests x {options.LatencyMs} ms + time-entry pages x {serveMs:0.0} ms served) / {inFlight} in flight"));
        if (probe is not null)
        {
            bounds.Add(("emulator serialisation", TimeEntryPageRequests / probe.ParallelPagesPerSecond,
                $"{TimeEntryPageRequests} time-entry pages / {probe.ParallelPagesPerSecond:0.0} pages/s (the emulator's measured serving rate with the same requests in flight)"));
        }
        if (baseline is not null)
        {
            bounds.Add(("do-nothing client", baseline.Wall.TotalSeconds,
                $"the fewest {baseline.Requests} requests paced at {options.Rate} req/s, {baseline.InFlight} in flight, bodies discarded; "
                + $"{baseline.TooManyRequests} answered 429"));
        }
        bounds.Add(("tap CPU on one core", run.Cpu.TotalSeconds, "if its records go through one thread"));
        var totalCpu = run.Cpu.TotalSeconds + run.BenchCpu.TotalSeconds;
        bounds.Add(("all CPU over the cores", totalCpu / cores,
            $"(tap {run.Cpu.TotalSeconds:0.00} s + emulator and reader {run.BenchCpu.TotalSeconds:0.00} s) / {cores} cores"));
        return bounds;
    }

    public JObject ToJson() => new()
    {
        ["command"] = options.Describe(),
        ["utc"] = DateTime.UtcNow.ToString("o", Inv),
        ["cores"] = cores,
        ["users"] = users,
        ["entries_per_user"] = entriesPerUser,
        ["latency_ms"] = options.LatencyMs,
        ["rate"] = options.Rate,
        ["page_size"] = options.PageSize,
        ["source"] = options.Source,
        ["concurrency"] = concurrency,
        ["concurrency_option"] = options.Concurrency,
        ["records"] = Records,
        ["wall_seconds"] = WallSeconds,
        ["records_per_second"] = Records / WallSeconds,
        ["tap_cpu_seconds"] = run.Cpu.TotalSeconds,
        ["cpu_seconds_per_million_records"] = Nullable(CpuPerMillion),
        ["fixed_cost_cpu_seconds"] = fixedRun.Cpu.TotalSeconds,
        ["cpu_microseconds_per_record_beyond_fixed_cost"] = Nullable(MicrosecondsPerRecord),
        ["cores_needed_at_rate_limit"] = Nullable(CoresNeeded),
        ["peak_resident_mb"] = run.PeakResidentBytes / 1e6,
        ["requests_made"] = RequestsMade,
        ["requests_fewest"] = FewestRequests,
        ["floor_seconds"] = FloorSeconds,
        ["wall_over_floor"] = WallSeconds / FloorSeconds,
        ["too_many_requests"] = TooManyRequests,
        ["retries"] = run.Summary?.Retries,
        ["tap_exit_code"] = run.ExitCode,
        ["bench_cpu_seconds"] = run.BenchCpu.TotalSeconds,
        ["reader_cpu_seconds"] = run.Stdout.ReaderCpu?.TotalSeconds,
        ["machine_busy_cpu_seconds"] = run.MachineBusy?.TotalSeconds,
        ["probe_ms_per_page"] = probe?.MsPerPage,
        ["baseline_wall_seconds"] = baseline?.Wall.TotalSeconds,
        ["baseline_requests"] = baseline?.Requests,
        ["baseline_too_many_requests"] = baseline?.TooManyRequests,
        ["probe_parallel_pages_per_second"] = probe?.ParallelPagesPerSecond,
        ["rows"] = new JArray(rows.Select(r => new JObject { ["figure"] = r.Figure, ["value"] = r.Value, ["target"] = r.Target, ["met"] = r.Met })),
    };

    private static double? Nullable(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;

    private sealed record Row(string Figure, string Value, string Target, bool? Met);
}

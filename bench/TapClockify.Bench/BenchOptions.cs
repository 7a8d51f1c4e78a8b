using CommandLine;

namespace TapClockify.Bench;

/// <summary>Command line of the benchmark; <see cref="Resolve"/> fills the defaults.</summary>
public sealed class BenchOptions
{
    public const int FullUsers = 200;
    public const int FullEntriesPerUser = 5000;
    public const int QuickUsers = 20;
    public const int QuickEntriesPerUser = 1000;

    [Option("users", HelpText = "Users of the emulated workspace (default 200, or 20 with --quick).")]
    public int? Users { get; set; }

    [Option("entries-per-user", HelpText = "Time entries of each user (default 5000, or 1000 with --quick).")]
    public int? EntriesPerUser { get; set; }

    [Option("latency-ms", Default = 50, HelpText = "Delay the emulator adds before every response.")]
    public int LatencyMs { get; set; }

    [Option("rate", Default = 50, HelpText = "Requests per second: the emulator's enforced limit (sliding 1 s window, 429 beyond) and the tap's max_requests_per_second.")]
    public int Rate { get; set; }

    [Option("concurrency", HelpText = "The tap's max_concurrency; left out of the config when not given (the tap's default applies).")]
    public int? Concurrency { get; set; }

    [Option("page-size", Default = 5000, HelpText = "The tap's page_size (1 to 5000).")]
    public int PageSize { get; set; }

    [Option("source", Default = "user", HelpText = "The tap's time_entries_source: user (each user's list) or detailed_report (the workspace's detailed report, 1000 a page, in report_window_days windows).")]
    public string Source { get; set; } = "user";

    public bool DetailedReport => Source == "detailed_report";

    [Option("quick", HelpText = "The hourly-sized run: 20 users x 1000 entries (20,000) unless --users/--entries-per-user say otherwise.")]
    public bool Quick { get; set; }

    [Option("tap-dll", HelpText = "Run this tap-clockify.dll instead of building tap-clockify/ in Release.")]
    public string? TapDll { get; set; }

    [Option("tap-binary", HelpText = "Run this published tap-clockify executable (e.g. artifacts/publish/linux-x64/tap-clockify) instead of a dll.")]
    public string? TapBinary { get; set; }

    [Option("shipped", HelpText = "Run what users install: build it with scripts/package.sh for this machine (Native AOT where it can, as users get it).")]
    public bool Shipped { get; set; }

    [Option("no-build", HelpText = "Do not build the tap; run tap-clockify/bin/Release/net10.0/tap-clockify.dll as it is.")]
    public bool NoBuild { get; set; }

    [Option("probe-pages", Default = 40, HelpText = "Time-entry pages fetched straight from an unthrottled emulator before the run, to measure how fast it serves (0: skip).")]
    public int ProbePages { get; set; }

    [Option("no-baseline", HelpText = "Skip the do-nothing client that, after the tap, makes the same requests at the same rate and concurrency to show the harness's own ceiling.")]
    public bool NoBaseline { get; set; }

    [Option("timeout-minutes", Default = 60, HelpText = "The tap is killed after this long.")]
    public int TimeoutMinutes { get; set; }

    [Option("work-dir", HelpText = "Folder for config, catalog, stderr and results.json (default: a new folder under the temp folder).")]
    public string? WorkDir { get; set; }

    public int ResolvedUsers => Users ?? (Quick ? QuickUsers : FullUsers);
    public int ResolvedEntriesPerUser => EntriesPerUser ?? (Quick ? QuickEntriesPerUser : FullEntriesPerUser);

    /// <summary>A problem with the values, or null.</summary>
    public string? Validate()
    {
        if (ResolvedUsers < 2) return "--users must be at least 2 (the large dataset's admin and member)";
        if (ResolvedEntriesPerUser < 0) return "--entries-per-user must not be negative";
        if (LatencyMs < 0) return "--latency-ms must not be negative";
        if (Rate < 1) return "--rate must be at least 1";
        if (PageSize is < 1 or > 5000) return "--page-size must be 1 to 5000";
        if (Concurrency is < 1) return "--concurrency must be at least 1";
        if (Source is not ("user" or "detailed_report")) return "--source must be user or detailed_report";
        if (ProbePages < 0) return "--probe-pages must not be negative";
        if (TimeoutMinutes < 1) return "--timeout-minutes must be at least 1";
        if ((TapDll is not null ? 1 : 0) + (TapBinary is not null ? 1 : 0) + (Shipped ? 1 : 0) > 1) return "give at most one of --tap-dll, --tap-binary and --shipped";
        return null;
    }

    /// <summary>The command line that reproduces this run, with every resolved value.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            "dotnet run -c Release --project bench/TapClockify.Bench --",
            $"--users {ResolvedUsers}",
            $"--entries-per-user {ResolvedEntriesPerUser}",
            $"--latency-ms {LatencyMs}",
            $"--rate {Rate}",
        };
        if (Concurrency is { } c) parts.Add($"--concurrency {c}");
        parts.Add($"--page-size {PageSize}");
        if (DetailedReport) parts.Add("--source detailed_report");
        if (Shipped) parts.Add("--shipped");
        return string.Join(' ', parts);
    }
}

using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>
/// The tap against an emulator that misbehaves the way the real API can. Each run gives the tap and
/// the emulator one <see cref="FastForwardClock"/>: backoffs, Retry-After waits and the emulator's
/// rate-limit window pass in its time, without sleeping.
/// </summary>
public class FaultToleranceTests
{
    private static readonly string[] Streams = StreamRegistry.All.Where(s => s.IsSelectedByDefault).Select(s => s.Name).ToArray();

    private static async Task<(TapRun Run, ClockifyEmulator Emulator)> RunAsync(Action<EmulatorOptions> faults, JObject? extraConfig = null,
        JObject? state = null, Func<ClockifyEmulator, CancellationToken, Task>? whileRunning = null, string[]? streams = null)
    {
        var clock = new FastForwardClock();
        var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(), new EmulatorOptions { ServerClock = clock });
        faults(emulator.Options);
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject
        {
            ["start_date"] = "2025-01-01T00:00:00Z",
            ["page_size"] = 20,
            ["retry_backoff_seconds"] = 0.01,
        });
        if (extraConfig is not null) config.Merge(extraConfig);
        var folder = TempFolder.Create();
        var arguments = new List<string> { "--config", folder.Write("config.json", config.ToString()) };
        if (state is not null) arguments.AddRange(["--state", folder.Write("state.json", state.ToString())]);
        if (streams is not null) arguments.AddRange(["--catalog", folder.Write("catalog.json", Catalogs.Selecting(streams).ToString())]);
        using var stop = new CancellationTokenSource();
        var watcher = whileRunning?.Invoke(emulator, stop.Token) ?? Task.CompletedTask;
        var run = await TapRun.StartAsync(arguments, clock: clock);
        await stop.CancelAsync();
        await watcher;
        await emulator.DisposeAsync();
        return (run, emulator);
    }

    /// <summary>
    /// The run without faults that two tests compare theirs with, made once: its emulator serves the
    /// default dataset unchanged, so a second clean run would write the same records.
    /// </summary>
    private static readonly Lazy<Task<(TapRun Run, ClockifyEmulator Emulator)>> CleanRun = new(() => RunAsync(_ => { }));

    /// <summary>Every record as "stream key", so runs compare as sets.</summary>
    private static HashSet<string> RecordKeys(SingerOutput output) =>
        output.OfType("RECORD").Select(m => $"{m["stream"]} {m["record"]!.ToString(Newtonsoft.Json.Formatting.None)}").ToHashSet();

    private static void AssertKeyNeverShown(TapRun run)
    {
        Assert.DoesNotContain(EmulatorDataset.AdminApiKey, run.Stdout);
        Assert.DoesNotContain(EmulatorDataset.AdminApiKey, run.Stderr);
    }

    [Fact]
    public async Task Under_429s_server_errors_dropped_connections_and_cut_bodies_the_records_equal_a_clean_runs()
    {
        var (clean, cleanEmulator) = await CleanRun.Value;
        var (faulty, faultyEmulator) = await RunAsync(options =>
        {
            options.FaultSeed = 7;
            options.TooManyRequestsFraction = 0.07;
            options.TooManyRequestsWithRetryAfterFraction = 0.03;
            options.ServerErrorFraction = 0.05;
            options.DropConnectionFraction = 0.03;
            options.TruncatedBodyFraction = 0.02;
        });

        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.True(faulty.ExitCode == 0, faulty.Stderr);
        Assert.True(faultyEmulator.Requests.FaultCounts.Values.Sum() >= 10, "too few faults were injected to mean anything");
        Assert.Equal(cleanEmulator.Requests.Count + faultyEmulator.Requests.FaultCounts.Values.Sum(), faultyEmulator.Requests.Count);
        // time_extracted differs between runs; records are compared by content.
        Assert.Equal(RecordKeys(clean.Messages), RecordKeys(faulty.Messages));
        Assert.All(Streams, s => Assert.NotEmpty(faulty.Messages.Records(s)));
        AssertKeyNeverShown(faulty);
    }

    [Theory]
    [InlineData("per_user", "/time-entries")]
    [InlineData("detailed_report", "/reports/detailed")]
    public async Task A_page_whose_json_is_cut_short_is_read_again_without_writing_any_entry_twice(string source, string listPath)
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateLarge(users: 2, entriesPerUser: 1500));
        emulator.Options.FaultSeed = 3;
        emulator.Options.CutJsonFraction = 0.3;
        var folder = TempFolder.Create();
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject
        {
            // The generated entries span the 400 days before the dataset's now.
            ["start_date"] = emulator.Data.Now.AddDays(-410).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["time_entries_source"] = source,
            // Pages of 1000, as the report's are: several per user.
            ["page_size"] = 1000,
            ["retry_backoff_seconds"] = 0.01,
        });

        var run = await TapRun.StartAsync(["--config", folder.Write("config.json", config.ToString()),
            "--catalog", folder.Write("catalog.json", Catalogs.Selecting("time_entries").ToString())]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(emulator.Requests.All.Count(r => r.Fault == FaultKind.CutJson && r.Path.Contains(listPath)) >= 2,
            "too few pages were cut to mean anything");
        var ids = run.Messages.Records("time_entries").Select(r => r["id"]!.ToString()).ToList();
        Assert.Equal(3000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_first_page_of_users_cut_short_while_testing_the_keys_rights_is_asked_for_again_when_read()
    {
        // Seed 8 cuts the first workspace's users page, the request that also tests the key's rights.
        var (run, emulator) = await RunAsync(options =>
        {
            options.FaultSeed = 8;
            options.CutJsonFraction = 0.3;
        }, streams: ["users"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var firstPages = emulator.Requests.All.Where(r => r.Path.EndsWith("/users") && r.Query.Contains("&page=1&")).ToList();
        Assert.Contains(firstPages, r => r.Fault == FaultKind.CutJson && r.Status == 200);
        var adminId = emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var expected = emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId)).SelectMany(w => w.Users).Select(u => u["id"]!.ToString()).Order();
        Assert.Equal(expected, run.Messages.Records("users").Select(r => r["id"]!.ToString()).Order());
    }

    [Fact]
    public async Task An_api_limit_below_the_configured_rate_is_recovered_from()
    {
        // Tasks (a request per project) and time entries (per user) ask about 80 times at 60 a second:
        // well past 20 in a second, without the 130 requests of every other stream.
        var (run, emulator) = await RunAsync(options => options.RateLimitPerSecond = 20, new JObject { ["max_requests_per_second"] = 60 },
            streams: ["tasks", "time_entries"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(emulator.Requests.TooManyRequestsCount > 0, "the emulator's limit was never hit");
        Assert.Contains(run.StderrLines, l => l.Contains("HTTP 429") && l.Contains("retrying"));
        Assert.Contains(run.StderrLines, l => l.Contains("requests are paced at") && l.Contains("a second from now on"));
        AssertKeyNeverShown(run);
    }

    [Fact]
    public async Task Exhausted_retries_fail_with_one_line_and_the_last_state_resumes_without_loss()
    {
        var (clean, _) = await CleanRun.Value;
        // Once a dozen time-entry requests went through, every request fails: the run dies mid-stream.
        var (failed, _) = await RunAsync(_ => { }, new JObject { ["max_attempts"] = 1 }, whileRunning: async (emulator, stop) =>
        {
            while (!stop.IsCancellationRequested && emulator.Requests.All.Count(r => r.Path.Contains("/time-entries")) < 12)
            {
                await Task.Delay(5, CancellationToken.None);
            }
            emulator.Options.ServerErrorFraction = 1.0;
        });

        Assert.NotEqual(0, failed.ExitCode);
        var error = Assert.Single(failed.StderrLines, l => l.Contains("ERROR"));
        Assert.Matches(@"stream \w+, workspace \w+.*HTTP 50[023]", error);
        AssertKeyNeverShown(failed);

        var messages = failed.Messages.All;
        var lastState = messages.Select((m, i) => (m, i)).Last(x => x.m["type"]!.ToString() == "STATE");
        var delivered = messages.Take(lastState.i).Where(m => m["type"]!.ToString() == "RECORD" && m["stream"]!.ToString() == "time_entries")
            .Select(m => m["record"]!["id"]!.ToString());
        var (resumed, _) = await RunAsync(_ => { }, state: (JObject)lastState.m["value"]!);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        var expected = clean.Messages.Records("time_entries").Select(r => r["id"]!.ToString()).ToHashSet();
        Assert.Empty(expected.Except(delivered.Concat(resumed.Messages.Records("time_entries").Select(r => r["id"]!.ToString()))));
    }

    [Fact]
    public async Task An_error_object_with_status_200_where_a_list_belongs_fails_clearly_once_retries_run_out()
    {
        var (run, _) = await RunAsync(options => options.ErrorWith200Fraction = 1.0, new JObject { ["max_attempts"] = 2 });

        Assert.NotEqual(0, run.ExitCode);
        var error = Assert.Single(run.StderrLines, l => l.Contains("ERROR"));
        Assert.Contains("where a list was expected", error);
        Assert.Contains("Clockify:", error);
    }
}

using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>
/// Report windows of several pages, whose pages after the first are read at the same time by the
/// window's own slot and the slots the scheduler has idle (two windows, eight slots).
/// </summary>
public class DetailedReportPagesTests
{
    private const int Users = 3;
    private const int EntriesPerUser = 2000;
    private const int WindowDays = 366;

    private static async Task<(TapRun Run, ClockifyEmulator Emulator, DateTimeOffset StartDate)> RunAsync(Action<EmulatorOptions> faults,
        int maxConcurrency = 8, int startDaysAgo = 410)
    {
        var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateLarge(users: Users, entriesPerUser: EntriesPerUser));
        faults(emulator.Options);
        // The generated entries span the 400 days before the dataset's now: a first window of about 5,300 entries, a second of about 700.
        var startDate = emulator.Data.Now.AddDays(-startDaysAgo);
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject
        {
            ["start_date"] = startDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["time_entries_source"] = "detailed_report",
            ["report_window_days"] = WindowDays,
            ["max_concurrency"] = maxConcurrency,
            ["retry_backoff_seconds"] = 0.01,
        });
        var folder = TempFolder.Create();
        var run = await TapRun.StartAsync(["--config", folder.Write("config.json", config.ToString()),
            "--catalog", folder.Write("catalog.json", Catalogs.Selecting("time_entries").ToString())]);
        return (run, emulator, startDate);
    }

    /// <summary>The run's time-entry rows, once it is known to have written every entry of the dataset exactly once.</summary>
    private static IReadOnlyList<JObject> EachEntryOnce(TapRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = run.Messages.Records("time_entries");
        var ids = rows.Select(r => r["id"]!.ToString()).ToList();
        Assert.Equal(Users * EntriesPerUser, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        return rows;
    }

    [Fact]
    public async Task A_window_of_several_pages_read_at_the_same_time_gives_each_entry_once_in_the_fewest_requests()
    {
        var (run, emulator, startDate) = await RunAsync(_ => { });
        await using var _ = emulator;

        var rows = EachEntryOnce(run);
        // Per window: its full pages, then the short page that ends it (an empty one after an exact multiple).
        var secondWindow = startDate.AddDays(WindowDays);
        var inFirst = rows.Count(r => DateTimeOffset.Parse(r["timeinterval_start"]!.ToString()) < secondWindow);
        Assert.True(inFirst > 2 * 1000, $"the first window holds {inFirst} entries: too few pages to read at the same time");
        var fewest = inFirst / 1000 + 1 + (rows.Count - inFirst) / 1000 + 1;
        Assert.Equal(fewest, emulator.Requests.All.Count(r => r.Path.Contains("/reports/detailed")));
        // The report needs no user list: the only users request is the one-user check of the key's rights.
        var users = Assert.Single(emulator.Requests.All, r => r.Path.EndsWith("/users"));
        Assert.EndsWith("page=1&page-size=1", users.Query);
    }

    [Fact]
    public async Task Pages_read_at_the_same_time_that_break_midway_are_read_again_without_writing_any_entry_twice()
    {
        var (run, emulator, _) = await RunAsync(options =>
        {
            options.FaultSeed = 5;
            options.CutJsonFraction = 0.3;
        });
        await using var _ = emulator;

        EachEntryOnce(run);
        Assert.True(emulator.Requests.All.Count(r => r.Fault == FaultKind.CutJson && r.Path.Contains("/reports/detailed")) >= 2,
            "too few report pages were cut to mean anything");
    }

    [Fact]
    public async Task With_one_slot_the_running_timers_and_every_window_are_read_each_entry_once()
    {
        // The first slice in the slot reads the running timers; with no other slot, nothing may wait for them in vain.
        var (run, emulator, _) = await RunAsync(_ => { }, maxConcurrency: 1);
        await using var _ = emulator;

        var rows = EachEntryOnce(run);
        Assert.Single(rows, r => r["timeinterval_end"]!.Type == JTokenType.Null);
        Assert.Single(emulator.Requests.All, r => r.Path.EndsWith("/time-entries/status/in-progress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_start_date_after_the_sync_start_reads_no_window_but_still_the_running_timers()
    {
        // No window to read, so no slice reads the timers: they are read on their own, and still hold the bookmark.
        var (run, emulator, _) = await RunAsync(_ => { }, maxConcurrency: 1, startDaysAgo: -3650);
        await using var _ = emulator;

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Empty(run.Messages.Records("time_entries"));
        Assert.DoesNotContain(emulator.Requests.All, r => r.Path.Contains("/reports/detailed"));
        Assert.Single(emulator.Requests.All, r => r.Path.EndsWith("/time-entries/status/in-progress", StringComparison.Ordinal));
    }
}

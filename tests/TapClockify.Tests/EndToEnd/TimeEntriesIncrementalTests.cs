using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>Runs in sequence, each resuming from the STATE of the one before, with edits in between.</summary>
public class TimeEntriesIncrementalTests
{
    private static HashSet<string> Ids(IEnumerable<JObject> records, string column = "id") =>
        records.Select(r => r[column]!.ToString()).ToHashSet();

    [Fact]
    public async Task A_first_run_emits_every_entry_since_start_date_with_its_tags()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        var startDate = session.Now.AddDays(-200);
        session.ExtraConfig["start_date"] = startDate.ToString("O");
        session.ExtraConfig["page_size"] = 7;

        var run = await session.RunAsync();

        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = session.AllEntries.Where(e => TimeEntriesSession.StartOf(e) >= startDate).ToList();
        Assert.True(expected.Count > 20, "the dataset must have entries since start_date");
        Assert.True(session.AllEntries.Count() > expected.Count, "the dataset must have entries before start_date too");
        Assert.Equal(Ids(expected), Ids(run.Messages.Records("time_entries")));
        Assert.Equal(expected.Count, run.Messages.Records("time_entries").Count);

        var expectedTags = expected.SelectMany(e => (e["tagIds"] as JArray ?? []).Select(t => $"{e["id"]}/{t}")).ToHashSet();
        Assert.Equal(expectedTags, run.Messages.Records("time_entries_tags").Select(r => $"{r["timeentry_id"]}/{r["tag_id"]}").ToHashSet());
        Assert.All(run.Messages.OfType("RECORD"), m => Assert.Empty(SchemaValidation.Errors(m["stream"]!.ToString(), (JObject)m["record"]!)));
    }

    [Fact]
    public async Task A_second_run_brings_edits_late_entries_stopped_timers_and_a_new_users_old_entries()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        session.ExtraConfig["start_date"] = session.Now.AddDays(-500).ToString("O");
        var first = await session.RunAsync();
        Assert.True(first.ExitCode == 0, first.Stderr);

        var workspace = session.AdministeredWorkspaces[0];
        var edited = workspace.TimeEntries.First(e => e["timeInterval"]!["end"]!.Type != JTokenType.Null
            && TimeEntriesSession.StartOf(e) < session.Now.AddDays(-3) && TimeEntriesSession.StartOf(e) > session.Now.AddDays(-25));
        workspace.UpdateTimeEntry(edited["id"]!.ToString(), e => e["description"] = "edited after the first run");
        var someUser = edited["userId"]!.ToString();
        var late = workspace.AddTimeEntry(new TimeEntryDraft(someUser, session.Now.AddDays(-12), session.Now.AddDays(-12).AddHours(2)) { Description = "entered late" });
        var running = session.AllEntries.First(e => e["timeInterval"]!["end"]!.Type == JTokenType.Null);
        var runningWorkspace = session.AdministeredWorkspaces.First(w => w.TimeEntries.Contains(running));
        runningWorkspace.StopTimer(running["id"]!.ToString(), DateTimeOffset.UtcNow);
        var newcomer = workspace.AddUser("New Person", "new.person@example.com");
        var yearOld = workspace.AddTimeEntry(new TimeEntryDraft(newcomer["id"]!.ToString(), session.Now.AddDays(-365), session.Now.AddDays(-365).AddHours(3)) { Description = "a year old" });

        var second = await session.RunAsync();

        Assert.True(second.ExitCode == 0, second.Stderr);
        var records = second.Messages.Records("time_entries").ToDictionary(r => r["id"]!.ToString());
        Assert.Equal("edited after the first run", records[edited["id"]!.ToString()]["description"]!.ToString());
        Assert.Equal("entered late", records[late["id"]!.ToString()]["description"]!.ToString());
        Assert.NotEqual(JTokenType.Null, records[running["id"]!.ToString()]["timeinterval_end"]!.Type);
        Assert.NotEqual(JTokenType.Null, records[running["id"]!.ToString()]["timeinterval__duration"]!.Type);
        Assert.Equal("a year old", records[yearOld["id"]!.ToString()]["description"]!.ToString());

        // Known partitions are read back only as far as the lookback (30 days, plus a held timer).
        var firstIds = Ids(first.Messages.Records("time_entries"));
        var reread = records.Values.Where(r => firstIds.Contains(r["id"]!.ToString())).ToList();
        Assert.True(reread.Count < firstIds.Count / 2, $"{reread.Count} of {firstIds.Count} entries read again");
    }

    [Fact]
    public async Task Bookmarks_never_pass_the_sync_start_nor_a_running_timer()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        var workspace = session.AdministeredWorkspaces[0];
        var user = workspace.TimeEntries[0]["userId"]!.ToString();
        workspace.AddTimeEntry(new TimeEntryDraft(user, DateTimeOffset.UtcNow.AddDays(3), DateTimeOffset.UtcNow.AddDays(3).AddHours(1)) { Description = "future" });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var run = await session.RunAsync();

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain(run.Messages.Records("time_entries"), r => r["description"]!.ToString() == "future");
        var partitions = (JArray)session.LastState!["bookmarks"]!["time_entries"]!["partitions"]!;
        var after = DateTimeOffset.UtcNow;
        foreach (var partition in partitions)
        {
            var bookmark = DateTimeOffset.Parse(partition["replication_key_value"]!.ToString());
            Assert.True(bookmark <= after, $"bookmark {bookmark:O} is past the run");
            var workspaceId = partition["context"]!["workspace_id"]!.ToString();
            var userId = partition["context"]!["user_id"]!.ToString();
            var runningStarts = session.AllEntries
                .Where(e => e["workspaceId"]!.ToString() == workspaceId && e["userId"]!.ToString() == userId && e["timeInterval"]!["end"]!.Type == JTokenType.Null)
                .Select(TimeEntriesSession.StartOf).ToList();
            if (runningStarts.Count > 0) Assert.True(bookmark <= runningStarts.Min(), $"bookmark {bookmark:O} passes a running timer");
            else Assert.True(bookmark >= before, $"bookmark {bookmark:O} lags the sync start without cause");
        }
        Assert.Contains(partitions, p => session.AllEntries.Any(e => e["userId"]!.ToString() == p["context"]!["user_id"]!.ToString() && e["timeInterval"]!["end"]!.Type == JTokenType.Null));
    }

    [Fact]
    public async Task A_run_resumed_from_any_state_it_emitted_loses_nothing()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        session.ExtraConfig["start_date"] = session.Now.AddDays(-500).ToString("O");
        // One partition at a time, each response a STATE interval late (skipped, not waited): every
        // partition's end is then one STATE, as in a long run.
        session.ExtraConfig["max_concurrency"] = 1;
        var clock = new FastForwardClock();
        session.Clock = clock;
        session.Emulator.Options.ServerClock = clock;
        session.Emulator.Options.Latency = SyncOutput.StateInterval;
        var full = await session.RunAsync();
        Assert.True(full.ExitCode == 0, full.Stderr);
        var expected = Ids(full.Messages.Records("time_entries"));

        // A crash right after STATE k leaves the target with the records before it; the resumed
        // run must bring the rest.
        var states = full.Messages.All.Select((m, i) => (m, i)).Where(x => x.m["type"]!.ToString() == "STATE").ToList();
        Assert.True(states.Count > 5);
        foreach (var (state, index) in new[] { states[0], states[states.Count / 3], states[2 * states.Count / 3], states[^2] })
        {
            var delivered = full.Messages.All.Take(index).Where(m => m["type"]!.ToString() == "RECORD" && m["stream"]!.ToString() == "time_entries")
                .Select(m => m["record"]!["id"]!.ToString());
            var resumed = await session.RunAsync((JObject)state["value"]!);
            Assert.True(resumed.ExitCode == 0, resumed.Stderr);
            var union = delivered.Concat(Ids(resumed.Messages.Records("time_entries"))).ToHashSet();
            Assert.Empty(expected.Except(union));
        }
    }

    [Fact]
    public async Task A_state_file_that_is_not_json_is_a_clear_error()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        var folder = TempFolder.Create();
        var state = folder.Write("state.json", "{\"bookmarks\": ");
        var run = await TapRun.StartAsync(["--config", folder.Write("config.json", EmulatorFixture.ConfigFor(session.Emulator).ToString()), "--state", state]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--state {state}: not valid JSON", Assert.Single(run.StderrLines));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task Both_sources_give_the_same_rows_running_timers_included(int? reportSlots)
    {
        await using var perUser = await TimeEntriesSession.StartAsync();
        // One emulator serves both: the per-user source never asks for the report.
        var report = perUser.OnSameEmulator();
        // Running timers then come only from the workspace's in-progress list.
        report.Emulator.Options.ReportOmitsRunningTimers = true;
        var startDate = perUser.Now.AddDays(-200).ToString("O");
        perUser.ExtraConfig["start_date"] = startDate;
        report.ExtraConfig["start_date"] = startDate;
        report.ExtraConfig["time_entries_source"] = "detailed_report";
        // One slot: the running timers are read by the first window's slice before its pages, and no other waits for them in vain.
        if (reportSlots is { } slots) report.ExtraConfig["max_concurrency"] = slots;

        var fromUsers = await perUser.RunAsync();
        var fromReport = await report.RunAsync();

        Assert.True(fromUsers.ExitCode == 0, fromUsers.Stderr);
        Assert.True(fromReport.ExitCode == 0, fromReport.Stderr);
        var reportRows = fromReport.Messages.Records("time_entries").ToDictionary(r => r["id"]!.ToString());
        var userRows = fromUsers.Messages.Records("time_entries").ToList();
        Assert.Contains(userRows, r => r["timeinterval_end"]!.Type == JTokenType.Null);
        Assert.Equal(userRows.Count, reportRows.Count);
        foreach (var row in userRows)
        {
            Assert.True(reportRows.TryGetValue(row["id"]!.ToString(), out var same), $"entry {row["id"]} missing from the report's rows");
            foreach (var column in ContractPaths.Streams["time_entries"].Select(c => c.Column))
            {
                Assert.True(JToken.DeepEquals(row[column], same![column]), $"{row["id"]} {column}: per user {row[column]}, report {same[column]}");
            }
        }
        Assert.Equal(
            fromUsers.Messages.Records("time_entries_tags").Select(r => $"{r["timeentry_id"]}/{r["tag_id"]}").Where(k => reportRows.ContainsKey(k.Split('/')[0])).ToHashSet(),
            fromReport.Messages.Records("time_entries_tags").Select(r => $"{r["timeentry_id"]}/{r["tag_id"]}").ToHashSet());
    }

    [Fact]
    public async Task One_users_entries_refused_with_404_are_skipped_with_a_warning_and_keep_no_bookmark()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        var workspace = session.AdministeredWorkspaces[0];
        var refusedUser = workspace.TimeEntries[0]["userId"]!.ToString();
        session.Emulator.Options.RefusedPaths[$"/user/{refusedUser}/time-entries"] = 404;

        var run = await session.RunAsync();

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(run.StderrLines, l => l.Contains("WARNING") && l.Contains(refusedUser) && l.Contains("HTTP 404"));
        var emitted = run.Messages.Records("time_entries");
        Assert.DoesNotContain(emitted, r => r["userid"]!.ToString() == refusedUser);
        Assert.Contains(emitted, r => r["userid"]!.ToString() != refusedUser);
        var partitions = (JArray)session.LastState!["bookmarks"]!["time_entries"]!["partitions"]!;
        Assert.DoesNotContain(partitions, p => p["context"]!["user_id"]?.ToString() == refusedUser && p["context"]!["workspace_id"]!.ToString() == workspace.Id);
    }

    [Fact]
    public async Task A_bookmark_later_than_the_sync_start_is_ignored_with_a_warning_and_the_partition_read_from_start_date()
    {
        await using var session = await TimeEntriesSession.StartAsync();
        var startDate = session.Now.AddDays(-200);
        session.ExtraConfig["start_date"] = startDate.ToString("O");
        var workspace = session.AdministeredWorkspaces[0];
        var user = workspace.TimeEntries[0]["userId"]!.ToString();
        var future = DateTimeOffset.UtcNow.AddDays(40).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var partition = new JObject
        {
            ["context"] = new JObject { ["workspace_id"] = workspace.Id, ["user_id"] = user },
            ["replication_key"] = "timeinterval_start",
            ["replication_key_value"] = future,
        };
        var state = new JObject { ["bookmarks"] = new JObject { ["time_entries"] = new JObject { ["partitions"] = new JArray(partition) } } };

        var run = await session.RunAsync(state);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(run.StderrLines, l => l.Contains("WARNING") && l.Contains(user) && l.Contains(future) && l.Contains("later than this sync's start"));
        var expected = workspace.TimeEntries.Where(e => e["userId"]!.ToString() == user && TimeEntriesSession.StartOf(e) >= startDate).ToList();
        Assert.NotEmpty(expected);
        Assert.Empty(Ids(expected).Except(Ids(run.Messages.Records("time_entries"))));
        var bookmark = ((JArray)session.LastState!["bookmarks"]!["time_entries"]!["partitions"]!)
            .Single(p => p["context"]!["user_id"]?.ToString() == user && p["context"]!["workspace_id"]!.ToString() == workspace.Id);
        Assert.True(DateTimeOffset.Parse(bookmark["replication_key_value"]!.ToString()) <= DateTimeOffset.UtcNow);
    }
}

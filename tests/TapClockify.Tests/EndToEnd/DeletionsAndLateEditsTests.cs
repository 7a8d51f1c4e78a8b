using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>
/// Deletions and old edits reach a target that honours Singer's conventions: runs with mutations
/// between them, replayed into tables that must equal the emulator's data.
/// </summary>
public class DeletionsAndLateEditsTests
{
    /// <summary>Real time shifted back, so mutations made now carry change times of a while ago.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private static async Task<TapRun> RunAsync(ClockifyEmulator emulator, TempFolder folder, JObject? state, string[]? streams = null)
    {
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject
        {
            ["change_tracking"] = true,
            ["start_date"] = emulator.Data.Now.AddDays(-400).ToString("O"),
        });
        var arguments = new List<string> { "--config", folder.Write("config.json", config.ToString()) };
        if (streams is not null) arguments.AddRange(["--catalog", folder.Write("catalog.json", Catalogs.Selecting(streams).ToString())]);
        if (state is not null) arguments.AddRange(["--state", folder.Write("state.json", state.ToString())]);
        var run = await TapRun.StartAsync(arguments);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    private static void AssertTablesEqualTheEmulator(TargetReplay target, ClockifyEmulator emulator, DateTimeOffset startDate)
    {
        var adminId = emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var workspaces = emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        var truth = new Dictionary<string, IEnumerable<JObject>>
        {
            ["workspaces"] = workspaces.Select(w => w.Workspace),
            ["projects"] = workspaces.SelectMany(w => w.Projects),
            ["tasks"] = workspaces.SelectMany(w => w.TasksByProject.Values.SelectMany(t => t)),
            ["clients"] = workspaces.SelectMany(w => w.Clients),
            ["tags"] = workspaces.SelectMany(w => w.Tags),
            ["user_groups"] = workspaces.SelectMany(w => w.UserGroups),
            ["custom_fields"] = workspaces.Where(w => !w.IsFreePlan).SelectMany(w => w.CustomFields),
            ["users"] = workspaces.SelectMany(w => w.Users),
        };
        foreach (var (stream, objects) in truth)
        {
            Assert.Equal(objects.Select(o => o["id"]!.ToString()).ToHashSet(), target.Table(stream).Keys.ToHashSet());
        }

        var entries = workspaces.SelectMany(w => w.TimeEntries).Where(e => DateTimeOffset.Parse(e["timeInterval"]!["start"]!.ToString()) >= startDate).ToList();
        var table = target.Table("time_entries");
        Assert.Equal(entries.Select(e => e["id"]!.ToString()).ToHashSet(), table.Keys.ToHashSet());
        foreach (var entry in entries)
        {
            var row = table[entry["id"]!.ToString()];
            Assert.Equal(entry["description"]!.ToString(), row["description"]!.ToString());
            Assert.Equal(entry["timeInterval"]!["end"]!.Type == JTokenType.Null, row["timeinterval_end"]!.Type == JTokenType.Null);
        }
        var pairs = entries.SelectMany(e => (e["tagIds"] as JArray ?? []).Select(t => $"{e["id"]}|{t}")).ToHashSet();
        Assert.Equal(pairs, target.Table("time_entries_tags").Keys.ToHashSet());
    }

    [Fact]
    public async Task Deleted_clients_tags_and_entries_and_entries_edited_long_after_they_started_reach_the_target()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        emulator.Options.DeletionVisibilityDelay = TimeSpan.Zero;
        var startDate = emulator.Data.Now.AddDays(-400);
        var folder = TempFolder.Create();
        var target = new TargetReplay();

        var first = await RunAsync(emulator, folder, state: null);
        target.Apply(first.Messages);
        AssertTablesEqualTheEmulator(target, emulator, startDate);

        // The first run opens and closes each full-table stream's version around its records.
        var clientMessages = first.Messages.All.Where(m => m["stream"]?.ToString() == "clients" && m["type"]!.ToString() != "SCHEMA").ToList();
        Assert.Equal("ACTIVATE_VERSION", clientMessages[0]["type"]!.ToString());
        Assert.Equal("ACTIVATE_VERSION", clientMessages[^1]["type"]!.ToString());
        var version = clientMessages[0]["version"]!.Value<long>();
        Assert.All(clientMessages.Skip(1).SkipLast(1), m => Assert.Equal(version, m["version"]!.Value<long>()));
        Assert.DoesNotContain(first.Messages.OfType("RECORD"), m => m["stream"]!.ToString() == "time_entries" && m["version"] is not null);

        // An hour passes between the runs: the mutations below carry change times from ten minutes ago.
        var state = (JObject)first.Messages.States[^1].DeepClone();
        foreach (var partition in state["bookmarks"]!["time_entries"]!["partitions"]!.Where(p => p["context"]!["feed"] is not null))
        {
            partition["replication_key_value"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
            partition["sync_started_at"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToString("O");
        }
        emulator.Data.Clock = new ShiftedClock(TimeSpan.FromMinutes(-10));
        var workspace = emulator.Data.Workspaces[0];
        var deletedClient = workspace.Clients[0]["id"]!.ToString();
        workspace.DeleteClient(deletedClient);
        var deletedTag = workspace.Tags[^1]["id"]!.ToString();
        workspace.DeleteTag(deletedTag);
        var old = workspace.TimeEntries.First(e => DateTimeOffset.Parse(e["timeInterval"]!["start"]!.ToString()) < emulator.Data.Now.AddDays(-200)
            && e["timeInterval"]!["end"]!.Type != JTokenType.Null);
        workspace.UpdateTimeEntry(old["id"]!.ToString(), e => e["description"] = "edited 200 days later");
        var removed = workspace.TimeEntries.First(e => DateTimeOffset.Parse(e["timeInterval"]!["start"]!.ToString()) < emulator.Data.Now.AddDays(-100)
            && e["id"] != old["id"] && (e["tagIds"] as JArray)?.Count > 0);
        var removedId = removed["id"]!.ToString();
        workspace.DeleteTimeEntry(removedId);
        var user = old["userId"]!.ToString();
        var fleeting = workspace.AddTimeEntry(new TimeEntryDraft(user, emulator.Data.Now.AddDays(-50), emulator.Data.Now.AddDays(-50).AddHours(1)) { Description = "fleeting" });
        workspace.DeleteTimeEntry(fleeting["id"]!.ToString());

        var second = await RunAsync(emulator, folder, state);
        target.Apply(second.Messages);

        AssertTablesEqualTheEmulator(target, emulator, startDate);
        Assert.DoesNotContain(deletedClient, target.Table("clients").Keys);
        Assert.DoesNotContain(deletedTag, target.Table("tags").Keys);
        Assert.Equal("edited 200 days later", target.Table("time_entries")[old["id"]!.ToString()]["description"]!.ToString());
        var deletion = second.Messages.Records("time_entries").Single(r => r["id"]!.ToString() == removedId);
        Assert.NotEqual(JTokenType.Null, deletion["_sdc_deleted_at"]!.Type);
        Assert.DoesNotContain(second.Messages.Records("time_entries"), r => r["id"]!.ToString() == fleeting["id"]!.ToString());

        // With a version in the state, the second run only closes its version, after its records.
        var secondClients = second.Messages.All.Where(m => m["stream"]?.ToString() == "clients" && m["type"]!.ToString() != "SCHEMA").ToList();
        Assert.Equal("RECORD", secondClients[0]["type"]!.ToString());
        Assert.Equal("ACTIVATE_VERSION", secondClients[^1]["type"]!.ToString());
        Assert.Single(secondClients, m => m["type"]!.ToString() == "ACTIVATE_VERSION");
    }

    [Fact]
    public async Task With_activate_version_off_no_versions_are_written()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var run = await TapRun.WithConfigAsync(EmulatorFixture.ConfigFor(emulator, extra: new JObject { ["activate_version"] = false }));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Empty(run.Messages.OfType("ACTIVATE_VERSION"));
        Assert.All(run.Messages.OfType("RECORD"), m => Assert.Null(m["version"]));
    }

    [Fact]
    public async Task A_workspace_whose_plan_refuses_entity_changes_is_named_once_and_the_run_goes_on()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        var folder = TempFolder.Create();
        // Only time entries read the entity-changes feed.
        var first = await RunAsync(emulator, folder, state: null, ["time_entries"]);
        // The feed reads from its mark to two minutes before the sync: an hour back, so there is a range to ask for.
        var state = (JObject)first.Messages.States[^1].DeepClone();
        foreach (var partition in state["bookmarks"]!["time_entries"]!["partitions"]!.Where(p => p["context"]!["feed"] is not null))
        {
            partition["replication_key_value"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        }
        var second = await RunAsync(emulator, folder, state, ["time_entries"]);

        var refused = emulator.Data.Workspaces.Where(w => w.EntityChangesRefusedStatus is not null).ToList();
        Assert.NotEmpty(refused);
        foreach (var workspace in refused)
        {
            Assert.Single(second.StderrLines, l => l.Contains("entity-changes API is not available") && l.Contains(workspace.Id));
        }
        Assert.NotEmpty(second.Messages.Records("time_entries"));
    }
}

using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>Runs that cannot read everything: what they could not read keeps its rows and bookmarks, and they say so.</summary>
public class PartialRunTests
{
    private static async Task<TapRun> RunAsync(ClockifyEmulator emulator, TempFolder folder, JObject? state, JObject? extraConfig = null, string[]? streams = null)
    {
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject { ["start_date"] = emulator.Data.Now.AddDays(-400).ToString("O"), ["max_attempts"] = 1 });
        if (extraConfig is not null) config.Merge(extraConfig);
        var arguments = new List<string> { "--config", folder.Write("config.json", config.ToString()) };
        if (streams is not null) arguments.AddRange(["--catalog", folder.Write("catalog.json", Catalogs.Selecting(streams).ToString())]);
        if (state is not null) arguments.AddRange(["--state", folder.Write("state.json", state.ToString())]);
        return await TapRun.StartAsync(arguments);
    }

    /// <summary>A complete first run, applied to a target as it loads it.</summary>
    private static async Task<(TapRun Run, TargetReplay Target)> FirstRunLoadedAsync(ClockifyEmulator emulator, TempFolder folder)
    {
        var first = await RunAsync(emulator, folder, state: null);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var target = new TargetReplay();
        target.Apply(first.Messages);
        return (first, target);
    }

    private static List<JObject> MessagesOf(TapRun run, string stream) =>
        run.Messages.All.Where(m => m["stream"]?.ToString() == stream && m["type"]!.ToString() != "SCHEMA").ToList();

    [Fact]
    public async Task A_first_run_that_fails_before_reading_anything_activates_nothing()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();

        var run = await RunAsync(emulator, TempFolder.Create(), state: null, new JObject { ["api_key"] = "not-a-key" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Messages.OfType("ACTIVATE_VERSION"));
    }

    [Fact]
    public async Task A_first_run_that_fails_midway_activates_only_streams_it_read_and_closes_none()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        emulator.Options.RefusedPaths["/tasks"] = 500;

        var run = await RunAsync(emulator, TempFolder.Create(), state: null);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Messages.Records("tasks"));
        foreach (var stream in run.Messages.OfType("SCHEMA").Select(m => m["stream"]!.ToString()))
        {
            var messages = MessagesOf(run, stream);
            var activations = messages.Where(m => m["type"]!.ToString() == "ACTIVATE_VERSION").ToList();
            if (messages.All(m => m["type"]!.ToString() != "RECORD")) Assert.Empty(activations);
            else Assert.True(activations.Count == 0 || (activations.Count == 1 && messages[0]["type"]!.ToString() == "ACTIVATE_VERSION"),
                $"{stream}: an ACTIVATE_VERSION other than the one before its first record");
        }
    }

    [Fact]
    public async Task A_refused_stream_or_users_entries_cost_only_that_partition_and_are_named_at_the_end()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        var folder = TempFolder.Create();
        var (first, target) = await FirstRunLoadedAsync(emulator, folder);
        var clientsBefore = target.Table("clients").Count;

        var refusedWorkspace = emulator.Data.Workspaces[0];
        var refusedUser = refusedWorkspace.TimeEntries[0]["userId"]!.ToString();
        emulator.Options.RefusedPaths[$"/workspaces/{refusedWorkspace.Id}/clients"] = 403;
        emulator.Options.RefusedPaths[$"/workspaces/{refusedWorkspace.Id}/user/{refusedUser}/time-entries"] = 403;
        var second = await RunAsync(emulator, folder, first.Messages.States[^1]);
        target.Apply(second.Messages);

        Assert.True(second.ExitCode == 0, second.Stderr);
        // The rest of that workspace was read: its projects, tags, users and other users' entries.
        foreach (var stream in new[] { "projects", "tags", "users" })
            Assert.Contains(second.Messages.Records(stream), r => r.ToString().Contains(refusedWorkspace.Id));
        Assert.Contains(second.Messages.Records("time_entries"), r => r["workspaceid"]!.ToString() == refusedWorkspace.Id && r["userid"]!.ToString() != refusedUser);
        Assert.DoesNotContain(second.Messages.Records("time_entries"), r => r["workspaceid"]!.ToString() == refusedWorkspace.Id && r["userid"]!.ToString() == refusedUser);
        // Clients were not read whole, so their version is not activated and the target keeps every client.
        Assert.DoesNotContain(MessagesOf(second, "clients"), m => m["type"]!.ToString() == "ACTIVATE_VERSION");
        Assert.Contains(MessagesOf(second, "tags"), m => m["type"]!.ToString() == "ACTIVATE_VERSION");
        Assert.Equal(clientsBefore, target.Table("clients").Count);
        // The refused user's bookmark stays where the first run left it.
        var bookmarkOf = (JObject state) => ((JArray)state["bookmarks"]!["time_entries"]!["partitions"]!)
            .Single(p => p["context"]!["user_id"]?.ToString() == refusedUser && p["context"]!["workspace_id"]!.ToString() == refusedWorkspace.Id)["replication_key_value"]!.ToString();
        Assert.Equal(bookmarkOf(first.Messages.States[^1]), bookmarkOf(second.Messages.States[^1]));
        var summary = Assert.Single(second.StderrLines, l => l.Contains("skipped, their rows and bookmarks kept"));
        Assert.True(summary.Contains("2 skipped"), summary);
        Assert.Contains("stream clients", summary);
        Assert.Contains(refusedUser, summary);

        var strict = await RunAsync(emulator, folder, second.Messages.States[^1], new JObject { ["fail_on_skip"] = true });

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("fail_on_skip", strict.StderrLines[^1]);
        Assert.Equal("STATE", strict.Messages.All[^1]["type"]!.ToString());
        Assert.Equal(second.Messages.Records("time_entries").Count, strict.Messages.Records("time_entries").Count);
    }

    [Fact]
    public async Task A_workspace_synced_before_that_now_refuses_the_key_keeps_its_rows()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        var folder = TempFolder.Create();
        var (first, target) = await FirstRunLoadedAsync(emulator, folder);
        var tablesBefore = new[] { "workspaces", "projects", "clients", "tags", "users" }.ToDictionary(s => s, s => target.Table(s).Count);

        // Its user list, which only owners and admins may read, now refuses the key.
        var lapsed = emulator.Data.Workspaces[0];
        emulator.Options.RefusedPaths[$"/workspaces/{lapsed.Id}/users"] = 403;
        var second = await RunAsync(emulator, folder, first.Messages.States[^1]);
        target.Apply(second.Messages);

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Empty(second.Messages.OfType("ACTIVATE_VERSION"));
        Assert.All(tablesBefore, table => Assert.Equal(table.Value, target.Table(table.Key).Count));
        Assert.Contains(second.StderrLines, l => l.Contains("skipped, their rows and bookmarks kept") && l.Contains(lapsed.Id));
        Assert.Contains(second.Messages.Records("clients"), r => r["workspaceid"]!.ToString() != lapsed.Id);
    }

    [Fact]
    public async Task A_record_without_its_key_is_never_written_and_a_warning_names_the_stream()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault());
        var workspace = emulator.Data.Workspaces[0];
        var keyless = (JObject)workspace.Tags[0].DeepClone();
        keyless["id"] = null;
        keyless["name"] = "a tag without an id";
        workspace.Tags.Add(keyless);
        var nameless = (JObject)workspace.Tags[0].DeepClone();
        nameless.Remove("id");
        workspace.Tags.Add(nameless);

        var run = await RunAsync(emulator, TempFolder.Create(), state: null, streams: ["tags"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.All(run.Messages.Records("tags"), r => Assert.Equal(JTokenType.String, r["id"]!.Type));
        var adminId = emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var tagsWithKeys = emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId)).Sum(w => w.Tags.Count) - 2;
        Assert.Equal(tagsWithKeys, run.Messages.Records("tags").Count);
        Assert.Contains(run.StderrLines, l => l.Contains("WARNING") && l.Contains("stream tags") && l.Contains("key property id"));
    }
}

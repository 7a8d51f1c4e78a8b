using Clockify.Emulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>The tables cut from objects the tap already reads (TABLES-NEXT §4.1–4.3), against the emulator's objects.</summary>
public class EmbeddedChildStreamsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private IReadOnlyList<EmulatorWorkspace> AdministeredWorkspaces
    {
        get
        {
            var data = fixture.Emulator.Data;
            var adminId = data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
            return data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        }
    }

    private static string Text(JToken? value) => value is null || value.Type == JTokenType.Null ? "null" : value.ToString(Formatting.None);

    private static HashSet<string> Rows(TapRun run, string stream, params string[] columns) =>
        run.Messages.Records(stream).Select(r => string.Join("|", columns.Select(c => Text(r[c])))).ToHashSet();

    private async Task<TapRun> RunSelectingAsync(params string[] streams)
    {
        var folder = TempFolder.Create();
        var run = await TapRun.StartAsync(["--config", folder.Write("config.json", fixture.Config().ToString()),
            "--catalog", folder.Write("catalog.json", Catalogs.Selecting(streams).ToString())]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    [Fact]
    public async Task Workspace_currencies_and_features_are_one_row_each_with_the_workspace_id()
    {
        var run = await RunSelectingAsync("workspaces_currencies", "workspaces_features");

        var currencies = AdministeredWorkspaces.SelectMany(w => w.Workspace["currencies"]!.Select(c =>
            string.Join("|", Text(w.Id), Text(c["id"]), Text(c["code"]), Text(c["isDefault"])))).ToHashSet();
        var features = AdministeredWorkspaces.SelectMany(w => w.Workspace["features"]!.Select(f => $"{Text(w.Id)}|{Text(f)}")).ToHashSet();
        Assert.NotEmpty(currencies);
        Assert.True(features.Count > AdministeredWorkspaces.Count, "the dataset's workspaces list features");
        Assert.Equal(currencies, Rows(run, "workspaces_currencies", "workspace_id", "id", "code", "isdefault"));
        Assert.Equal(features, Rows(run, "workspaces_features", "workspace_id", "feature"));
        Assert.Equal(currencies.Count, run.Messages.Records("workspaces_currencies").Count);
    }

    [Fact]
    public async Task Project_memberships_give_each_member_with_rates_of_archived_projects_too()
    {
        var run = await RunSelectingAsync("projects_memberships");

        var expected = AdministeredWorkspaces.SelectMany(w => w.Projects).SelectMany(p => p["memberships"]!.Select(m => string.Join("|",
            Text(p["id"]), Text(m["userId"]), Text(m["targetId"]), Text(m["membershipType"]), Text(m["membershipStatus"]),
            Text((m["hourlyRate"] as JObject)?["amount"]), Text((m["hourlyRate"] as JObject)?["currency"]),
            Text((m["costRate"] as JObject)?["amount"]), Text((m["costRate"] as JObject)?["currency"]))))
            .ToList();
        Assert.Contains(AdministeredWorkspaces.SelectMany(w => w.Projects), p => (bool)p["archived"]! && p["memberships"]!.Any());
        Assert.Contains(expected, row => !row.EndsWith("null|null"));
        Assert.Equal(expected.ToHashSet(), Rows(run, "projects_memberships", "project_id", "userid", "targetid", "membershiptype",
            "membershipstatus", "hourlyrate__amount", "hourlyrate__currency", "costrate__amount", "costrate__currency"));
        Assert.Equal(expected.Count, run.Messages.Records("projects_memberships").Count);
    }

    /// <summary>(entry, field, value as text) of every custom-field value of the entries, by TABLES-NEXT §3's rule.</summary>
    private static HashSet<string> ExpectedValues(IEnumerable<JObject> entries, bool withNameAndType) =>
        entries.SelectMany(e => (e["customFieldValues"] as JArray ?? []).Select(v => string.Join("|",
            Text(e["id"]), Text(v["customFieldId"]),
            v["value"] is { Type: JTokenType.String } text ? Text(text) : v["value"] is null || v["value"]!.Type == JTokenType.Null ? "null" : JsonConvert.ToString(Text(v["value"])),
            withNameAndType ? Text(v["name"]) : "null", withNameAndType ? Text(v["type"]) : "null"))).ToHashSet();

    [Fact]
    public async Task Time_entry_custom_field_values_are_one_row_each_from_either_source()
    {
        await using var perUser = await TimeEntriesSession.StartAsync();
        // One emulator serves both: neither run changes its data.
        var report = perUser.OnSameEmulator();
        var startDate = perUser.Now.AddDays(-200);
        foreach (var session in new[] { perUser, report })
        {
            session.ExtraConfig["start_date"] = startDate.ToString("O");
            session.SelectedStreams = ["time_entries", "time_entries_custom_fields"];
        }
        report.ExtraConfig["time_entries_source"] = "detailed_report";

        var fromUsers = await perUser.RunAsync();
        var fromReport = await report.RunAsync();
        Assert.True(fromUsers.ExitCode == 0, fromUsers.Stderr);
        Assert.True(fromReport.ExitCode == 0, fromReport.Stderr);

        string[] columns = ["timeentry_id", "customfield_id", "value", "name", "type"];
        var entries = perUser.AllEntries.Where(e => TimeEntriesSession.StartOf(e) >= startDate).ToList();
        var expected = ExpectedValues(entries, withNameAndType: true);
        Assert.Contains(expected, row => row.Contains("[\\\""));
        Assert.Equal(expected, Rows(fromUsers, "time_entries_custom_fields", columns));

        // The report carries only the field id and value (TABLES-NEXT §4.1): name and type are null there.
        var reportEntryIds = fromReport.Messages.Records("time_entries").Select(r => r["id"]!.ToString()).ToHashSet();
        var reportEntries = report.AllEntries.Where(e => reportEntryIds.Contains(e["id"]!.ToString()));
        Assert.Equal(ExpectedValues(reportEntries, withNameAndType: false), Rows(fromReport, "time_entries_custom_fields", columns));
        Assert.NotEmpty(fromReport.Messages.Records("time_entries_custom_fields"));
    }
}

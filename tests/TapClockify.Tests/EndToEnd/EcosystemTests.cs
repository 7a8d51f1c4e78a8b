using System.Xml.Linq;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>What Meltano and shell users expect of a tap: --test, metrics, logs, validation, packaging.</summary>
public class EcosystemTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Test_mode_passes_for_an_admin_key_and_names_what_each_workspace_allows()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(), "--test");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("API key: accepted", run.Stdout);
        var free = fixture.Emulator.Data.Workspaces.Single(w => w.IsFreePlan);
        Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith($"workspace {free.Id}") && l.Contains("OK") && l.Contains("custom_fields (HTTP 403)"));
        var adminId = fixture.Emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        Assert.Contains($"verdict: a sync can run ({fixture.Emulator.Data.Workspaces.Count(w => w.IsAdministrator(adminId))} workspaces)", run.Stdout);
    }

    [Fact]
    public async Task Test_mode_fails_for_a_wrong_key_with_the_401_line()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config("wrong-key-456"), "--test");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("API key: REFUSED, HTTP 401", run.Stdout);
        Assert.DoesNotContain("wrong-key-456", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task Test_mode_fails_for_a_member_key_naming_the_workspaces_it_cannot_administer()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(EmulatorDataset.MemberApiKey), "--test");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not an owner or admin of any workspace", run.Stdout);
        Assert.Contains("verdict: no sync can run", run.Stdout);
    }

    [Fact]
    public async Task Metric_lines_are_json_with_request_timers_and_record_counters_that_add_up()
    {
        var (run, emulator) = await EmulatorFixture.DefaultSyncAsync();
        Assert.True(run.ExitCode == 0, run.Stderr);
        var served = emulator.Requests.Count;

        var metrics = run.StderrLines.Where(l => l.Contains("METRIC: "))
            .Select(l => JObject.Parse(l[(l.IndexOf("METRIC: ", StringComparison.Ordinal) + "METRIC: ".Length)..])).ToList();
        var timers = metrics.Where(m => m["metric"]!.ToString() == "http_request_duration").ToList();
        Assert.Equal(served, timers.Count);
        Assert.All(timers, t =>
        {
            Assert.Equal("timer", t["type"]!.ToString());
            Assert.DoesNotMatch("[0-9a-f]{24}", t["tags"]!["endpoint"]!.ToString());
            // The free workspace refuses custom fields, and the workspace the key does not administer
            // refuses the user list that tests it; every other request succeeds.
            var status = (int)t["tags"]!["http_status_code"]!;
            var endpoint = t["tags"]!["endpoint"]!.ToString();
            Assert.True(status == 200 || (status == 403 && (endpoint.EndsWith("/custom-fields") || endpoint.EndsWith("/users"))), t.ToString());
            Assert.Equal(status == 200 ? "succeeded" : "failed", t["tags"]!["status"]!.ToString());
        });
        Assert.Contains(timers, t => t["tags"]!["endpoint"]!.ToString() == "/api/v1/workspaces/{id}/user/{id}/time-entries");
        var counted = metrics.Where(m => m["metric"]!.ToString() == "record_count")
            .GroupBy(m => m["tags"]!["stream"]!.ToString()).ToDictionary(g => g.Key, g => g.Sum(m => (long)m["value"]!));
        Assert.Equal(run.Messages.RecordCounts.ToDictionary(c => c.Key, c => (long)c.Value), counted);
    }

    [Fact]
    public async Task Logs_name_each_stream_and_workspace_as_it_starts_and_finishes_and_can_be_json()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(extra: new JObject { ["log_format"] = "json" }));
        Assert.True(run.ExitCode == 0, run.Stderr);

        var lines = run.StderrLines.Select(JObject.Parse).ToList();
        Assert.All(lines, l => Assert.Equal(["time", "level", "message"], l.Properties().Select(p => p.Name)));
        var messages = lines.Select(l => l["message"]!.ToString()).ToList();
        var workspace = fixture.Emulator.Data.Workspaces[0].Id;
        Assert.Contains(messages, m => m.StartsWith("stream clients, workspace " + workspace) && m.EndsWith("started"));
        Assert.Contains(messages, m => m.StartsWith("stream users, workspace " + workspace) && m.Contains("finished in") && m.Contains("time_entries "));
    }

    [Fact]
    public async Task A_record_that_breaks_its_schema_fails_the_run_naming_stream_record_and_field_when_validation_is_on()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault());
        var workspace = emulator.Data.Workspaces[0];
        var task = workspace.TasksByProject.Values.First(t => t.Count > 0)[0];
        task["assigneeIds"] = "not-a-list";

        // Tasks alone: the broken record is a task, and no other stream's requests are needed to show it.
        var catalog = TempFolder.Create().Write("catalog.json", Catalogs.Selecting("tasks").ToString());
        var checkedRun = await TapRun.WithConfigAsync(EmulatorFixture.ConfigFor(emulator, extra: new JObject { ["validate_records"] = true }), "--catalog", catalog);
        var uncheckedRun = await TapRun.WithConfigAsync(EmulatorFixture.ConfigFor(emulator), "--catalog", catalog);

        Assert.NotEqual(0, checkedRun.ExitCode);
        var error = Assert.Single(checkedRun.StderrLines, l => l.Contains("ERROR"));
        Assert.Contains($"stream tasks, record id {task["id"]}: field assigneeids: expected null or array, got string", error);
        Assert.True(uncheckedRun.ExitCode == 0, uncheckedRun.Stderr);
    }

    [Fact]
    public async Task The_meltano_files_declare_exactly_the_taps_settings_and_capabilities()
    {
        var about = JObject.Parse((await TapRun.StartAsync(["--about"])).Stdout);
        var settings = ((JObject)about["settings"]!["properties"]!).Properties().Select(p => p.Name).ToList();
        var capabilities = about["capabilities"]!.Select(c => c.ToString()).ToList();

        foreach (var file in new[] { RepoPaths.Of("meltano", "meltano.yml"), RepoPaths.Of("meltano", "tap-clockify.hub.yml") })
        {
            var lines = File.ReadAllLines(file);
            var declared = lines.Where(l => l.TrimStart().StartsWith("- name: ", StringComparison.Ordinal))
                .Select(l => l.Trim()["- name: ".Length..]).Where(n => n is not ("tap-clockify" or "target-postgres" or "dev")).ToList();
            Assert.Equal(settings, declared);
            var capabilityStart = Array.FindIndex(lines, l => l.Trim() == "capabilities:");
            var declaredCapabilities = lines.Skip(capabilityStart + 1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
                .Select(l => l.Trim()[2..]).ToList();
            Assert.Equal(capabilities, declaredCapabilities);
            var apiKey = string.Join("\n", lines.SkipWhile(l => !l.Contains("- name: api_key")).Take(5));
            Assert.Contains("sensitive: true", apiKey);
        }
    }

    [Fact]
    public async Task The_packed_tool_installs_and_discovers_from_any_folder()
    {
        var work = TempFolder.Create();
        var tools = Path.Combine(work.Path, "tools");
        // The package the test project's build made of the tap it compiled (target PackToolForInstallTests):
        // a tool package's layout and entry point come from the project file, not the configuration.
        // That folder is the only source: with --add-source NuGet also asked the machine's feeds for
        // tap-clockify (seconds of waiting), and a package of that name there could have been taken instead.
        var source = new XElement("add", new XAttribute("key", "built"), new XAttribute("value", BuildSettings.Of("PackedToolFolder")));
        var sources = work.Write("nuget.config", new XElement("configuration", new XElement("packageSources", new XElement("clear"), source)).ToString());
        await Command.RunOrFailAsync("dotnet", ["tool", "install", "tap-clockify", "--tool-path", tools, "--configfile", sources], work.Path, timeout: TimeSpan.FromMinutes(10));

        var elsewhere = TempFolder.Create();
        var config = elsewhere.Write("config.json", "{\"api_key\": \"k\"}");
        var discover = await Command.RunOrFailAsync(Path.Combine(tools, "tap-clockify"), ["--config", config, "--discover"], elsewhere.Path);

        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("catalog.example.json"))), JObject.Parse(discover), JToken.EqualityComparer);
    }
}

using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>Streams a plan may lack, against the emulator's PRO, STANDARD and FREE workspaces.</summary>
public class PlanGatedStreamsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly ClockifyStream[] GatedStreams = StreamRegistry.All.Where(s => s.RequiredFeature is not null).ToArray();

    private IReadOnlyList<EmulatorWorkspace> AdministeredWorkspaces
    {
        get
        {
            var adminId = fixture.Emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
            return fixture.Emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        }
    }

    [Fact]
    public void The_dataset_has_each_gated_feature_in_some_workspace_and_not_in_another()
    {
        Assert.NotEmpty(GatedStreams);
        foreach (var feature in GatedStreams.Select(s => s.RequiredFeature!).Distinct())
        {
            Assert.Contains(AdministeredWorkspaces, w => w.HasFeature(feature));
            Assert.Contains(AdministeredWorkspaces, w => !w.HasFeature(feature));
        }
    }

    [Fact]
    public async Task A_workspace_without_a_streams_feature_is_skipped_with_one_warning_and_no_request()
    {
        var (run, emulator) = await EmulatorFixture.DefaultSyncAsync();

        Assert.True(run.ExitCode == 0, run.Stderr);
        var requests = emulator.Requests.All;
        foreach (var stream in GatedStreams.Where(s => s.ParentName == "workspaces"))
        {
            foreach (var workspace in AdministeredWorkspaces)
            {
                var path = "/api/v1/" + new PartitionContext(workspace.Id).FillPath(stream.Path!);
                var warnings = run.StderrLines.Where(l => l.Contains("WARNING") && l.Contains($"stream {stream.Name},") && l.Contains(workspace.Id)).ToList();
                if (workspace.HasFeature(stream.RequiredFeature!))
                {
                    Assert.Empty(warnings);
                    Assert.Contains(requests, r => r.Path == path && r.Status == 200);
                }
                else
                {
                    Assert.Contains(stream.RequiredFeature!, Assert.Single(warnings));
                    Assert.DoesNotContain(requests, r => r.Path == path);
                }
            }
        }
    }

    [Fact]
    public async Task A_refusal_of_a_feature_the_workspace_has_is_a_skip_named_at_the_end_and_fails_the_run_with_fail_on_skip()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var stream = GatedStreams.First(s => s.ParentName == "workspaces");
        var workspace = AdministeredWorkspaces.First(w => w.HasFeature(stream.RequiredFeature!));
        emulator.Options.RefusedPaths["/api/v1/" + new PartitionContext(workspace.Id).FillPath(stream.Path!)] = 403;
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject { ["workspace_ids"] = new JArray(workspace.Id) });
        var catalog = TempFolder.Create().Write("catalog.json", Catalogs.Selecting(stream.Name).ToString());

        var run = await TapRun.WithConfigAsync(config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(run.StderrLines, l => l.Contains("skipped, their rows and bookmarks kept") && l.Contains($"stream {stream.Name}") && l.Contains("403"));

        config["fail_on_skip"] = true;
        var strict = await TapRun.WithConfigAsync(config, "--catalog", catalog);

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("fail_on_skip", strict.StderrLines[^1]);
    }

    [Fact]
    public async Task Test_mode_names_each_gated_stream_per_workspace_readable_or_why_not()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(), "--test");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        foreach (var workspace in AdministeredWorkspaces)
        {
            var line = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith($"workspace {workspace.Id}"));
            var readable = line[(line.IndexOf("readable: ", StringComparison.Ordinal) + "readable: ".Length)..].Split(';')[0].Split(", ");
            foreach (var stream in GatedStreams.Where(s => s.ParentName == "workspaces"))
            {
                if (workspace.HasFeature(stream.RequiredFeature!)) Assert.Contains(stream.Name, readable);
                else Assert.Contains($"{stream.Name} (the workspace's features lack {stream.RequiredFeature}", line);
            }
            // Streams read per parent object are named too: readable, refused, or not tried when the first parent opens none.
            Assert.All(GatedStreams.Where(s => s.Path is not null), s => Assert.Contains(s.Name, line));
        }
    }

    [Fact]
    public async Task Invoices_cost_one_list_request_one_detail_each_and_a_payments_request_only_where_something_was_paid()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var run = await TapRun.WithConfigAsync(EmulatorFixture.ConfigFor(emulator),
            "--catalog", TempFolder.Create().Write("catalog.json", Catalogs.Selecting("invoices", "invoices_items", "invoices_payments").ToString()));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var requests = emulator.Requests.All.Where(r => r.Path.Contains("/invoices")).ToList();
        var invoicing = AdministeredWorkspaces.Where(w => w.HasFeature("INVOICING")).ToList();
        var invoices = invoicing.SelectMany(w => w.Invoices).ToList();
        Assert.Equal(invoicing.Count, requests.Count(r => r.Path.EndsWith("/invoices")));
        Assert.Equal(invoices.Count, requests.Count(r => invoices.Any(i => r.Path.EndsWith("/invoices/" + i["id"]))));
        var paid = invoices.Where(i => i["paid"]!.Type != JTokenType.Null).ToList();
        Assert.True(paid.Count < invoices.Count);
        Assert.Equal(paid.Count, requests.Count(r => r.Path.EndsWith("/payments")));
    }
}

using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>The built tap against the emulator's default dataset, every page of it.</summary>
public class FullTableSyncTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] FullTableStreams =
        StreamRegistry.All.Where(s => s.Replication == ReplicationMethod.FullTable && s.IsSelectedByDefault).Select(s => s.Name).ToArray();

    private EmulatorDataset Data => fixture.Emulator.Data;

    private IReadOnlyList<EmulatorWorkspace> AdministeredWorkspaces
    {
        get
        {
            var adminId = Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
            return Data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        }
    }

    /// <summary>Every API object the streams must turn into rows, keyed by stream, from the dataset.</summary>
    private Dictionary<string, List<JObject>> ExpectedObjects()
    {
        var workspaces = AdministeredWorkspaces;
        return new Dictionary<string, List<JObject>>
        {
            ["workspaces"] = workspaces.Select(w => w.Workspace).ToList(),
            ["projects"] = workspaces.SelectMany(w => w.Projects).ToList(),
            ["tasks"] = workspaces.SelectMany(w => w.TasksByProject.Values.SelectMany(t => t)).ToList(),
            ["clients"] = workspaces.SelectMany(w => w.Clients).ToList(),
            ["tags"] = workspaces.SelectMany(w => w.Tags).ToList(),
            ["user_groups"] = workspaces.SelectMany(w => w.UserGroups).ToList(),
            // Custom fields are a paid feature: the free workspace has none to give.
            ["custom_fields"] = workspaces.Where(w => !w.IsFreePlan).SelectMany(w => w.CustomFields).ToList(),
            ["users"] = workspaces.SelectMany(w => w.Users).ToList(),
            ["users_memberships"] = workspaces.SelectMany(w => w.Users.SelectMany(u => u["memberships"]!.Cast<JObject>())).ToList(),
            ["workspaces_currencies"] = workspaces.SelectMany(w => w.Workspace["currencies"]!.Select(c => WithParent(c, "workspace_id", w.Id))).ToList(),
            ["workspaces_features"] = workspaces.SelectMany(w => w.Workspace["features"]!
                .Select(f => new JObject { ["workspace_id"] = w.Id, ["feature"] = f.DeepClone() })).ToList(),
            ["projects_memberships"] = workspaces.SelectMany(w => w.Projects)
                .SelectMany(p => p["memberships"]!.Select(m => WithParent(m, "project_id", p["id"]!.ToString()))).ToList(),
            ["expense_categories"] = Gated("expense_categories", w => w.ExpenseCategories),
            ["expenses"] = Gated("expenses", w => w.Expenses),
            ["invoices"] = Gated("invoices", w => w.Invoices.Select(i => WithParent(i, "workspaceid", w.Id))),
            ["invoices_items"] = Gated("invoices_items", w => w.Invoices.SelectMany(i => i["items"]!.Select(item => WithParent(item, "invoice_id", i["id"]!.ToString())))),
            // Only the states the status filter can ask for are listed (TABLES-NEXT §4.7): a REJECTED request is not.
            ["approval_requests"] = Gated("approval_requests", ListedApprovalRequests),
            ["approval_requests_entries"] = Gated("approval_requests_entries", w => ListedApprovalRequests(w)
                .SelectMany(r => r["entries"]!.Select(e => WithParent(e, "approvalrequest_id", r["approvalRequest"]!["id"]!.ToString())))),
            ["approval_requests_expenses"] = Gated("approval_requests_expenses", w => ListedApprovalRequests(w)
                .SelectMany(r => r["expenses"]!.Select(e => WithParent(e, "approvalrequest_id", r["approvalRequest"]!["id"]!.ToString())))),
            ["time_off_policies"] = Gated("time_off_policies", w => w.TimeOffPolicies),
            ["time_off_requests"] = Gated("time_off_requests", w => w.TimeOffRequests),
            ["time_off_balances"] = Gated("time_off_balances", w => w.TimeOffBalances),
            ["holidays"] = Gated("holidays", w => w.Holidays),
            ["users_custom_fields"] = workspaces.SelectMany(w => w.Users.SelectMany(u => u["customFields"]!.Cast<JObject>())).ToList(),
            ["member_profiles"] = workspaces.SelectMany(w => w.MemberProfiles.Select(p =>
                WithParent(WithParent(p.Value, "workspace_id", w.Id), "user_id", p.Key))).ToList(),
            ["invoices_payments"] = Gated("invoices_payments", w => w.PaymentsByInvoice.SelectMany(p => p.Value.Select(payment => WithParent(payment, "invoice_id", p.Key)))),
        };
    }

    private static IEnumerable<JObject> ListedApprovalRequests(EmulatorWorkspace workspace) =>
        workspace.ApprovalRequests.Where(r => r["approvalRequest"]!["status"]!["state"]!.ToString() is "PENDING" or "APPROVED" or "WITHDRAWN_APPROVAL");

    /// <summary>A plan-gated stream's objects: only workspaces whose features include the stream's feature have any.</summary>
    private List<JObject> Gated(string stream, Func<EmulatorWorkspace, IEnumerable<JObject>> objects) =>
        AdministeredWorkspaces.Where(w => w.HasFeature(FeatureOf(StreamRegistry.Get(stream)))).SelectMany(objects).ToList();

    /// <summary>The feature a stream needs, its own or its parent's.</summary>
    private static string FeatureOf(ClockifyStream stream) => stream.RequiredFeature ?? FeatureOf(StreamRegistry.Get(stream.ParentName!));

    /// <summary>An embedded item with its parent's id beside its own fields, as the contract's parent column.</summary>
    private static JObject WithParent(JToken item, string column, string parentId)
    {
        var copy = (JObject)item.DeepClone();
        copy[column] = parentId;
        return copy;
    }

    /// <summary>The record whose key columns hold what the object's key paths hold.</summary>
    private static JObject? RecordFor(string stream, IReadOnlyList<JObject> records, JObject apiObject)
    {
        var keys = StreamRegistry.Get(stream).KeyProperties
            .Select(k => (Column: k, Value: ExpectedValues.At(apiObject, ContractPaths.Streams[stream].Single(c => c.Column == k).Paths)?.ToString()))
            .ToList();
        return records.FirstOrDefault(r => keys.All(k => r[k.Column]?.ToString() == k.Value));
    }

    private Task<TapRun> RunAsync(JObject? extraConfig = null, params string[] arguments) =>
        TapRun.WithConfigAsync(fixture.Config(extra: extraConfig), arguments);

    [Fact]
    public async Task Every_stream_gets_exactly_the_emulators_rows_across_many_small_pages()
    {
        // The full-table streams only: at two a page, time entries alone took 227 of the run's 379 requests.
        var run = await RunAsync(new JObject { ["page_size"] = 2 },
            "--catalog", TempFolder.Create().Write("catalog.json", Catalogs.Selecting(FullTableStreams).ToString()));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;
        var expected = ExpectedObjects();
        foreach (var stream in FullTableStreams)
        {
            Assert.True(expected[stream].Count > 0, $"the dataset has no {stream}");
            Assert.Equal(expected[stream].Count, output.Records(stream).Count);
        }
        Assert.True(expected["users"].Count > 2 * 2, "users must span several pages");
    }

    [Fact]
    public async Task Every_column_holds_the_value_clockify_holds()
    {
        var run = await EmulatorFixture.DefaultRunAsync();
        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;
        var expected = ExpectedObjects();
        var mismatches = new List<string>();

        foreach (var stream in FullTableStreams)
        {
            var schema = JObject.Parse(File.ReadAllText(RepoPaths.Of("schemas", stream + ".json")));
            var records = output.Records(stream);
            foreach (var (apiObject, index) in expected[stream].Select((o, i) => (o, i)))
            {
                var record = RecordFor(stream, records, apiObject);
                if (record is null)
                {
                    mismatches.Add($"{stream}: no record for {apiObject["id"] ?? apiObject["targetId"]}");
                    continue;
                }
                Assert.Equal(((JObject)schema["properties"]!).Properties().Select(p => p.Name), record.Properties().Select(p => p.Name));
                foreach (var (column, paths) in ContractPaths.Streams[stream])
                {
                    var problem = ExpectedValues.Mismatch(ExpectedValues.At(apiObject, paths), record[column]!, (JObject)schema["properties"]![column]!);
                    if (problem is not null) mismatches.Add($"{stream} {apiObject["id"] ?? index}: {column}: {problem}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Streams_off_by_default_give_the_emulators_rows_when_a_catalog_selects_them()
    {
        var offByDefault = StreamRegistry.All.Where(s => !s.IsSelectedByDefault).Select(s => s.Name).ToArray();
        Assert.NotEmpty(offByDefault);
        var defaultRun = await EmulatorFixture.DefaultRunAsync();
        Assert.True(defaultRun.ExitCode == 0, defaultRun.Stderr);
        Assert.All(offByDefault, s => Assert.Empty(defaultRun.Messages.Records(s)));

        var run = await TapRun.WithConfigAsync(fixture.Config(), "--catalog", TempFolder.Create().Write("catalog.json", Catalogs.Selecting(offByDefault).ToString()));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = ExpectedObjects();
        foreach (var stream in offByDefault)
        {
            Assert.NotEmpty(expected[stream]);
            var records = run.Messages.Records(stream);
            Assert.Equal(expected[stream].Count, records.Count);
            foreach (var apiObject in expected[stream])
            {
                var record = RecordFor(stream, records, apiObject);
                Assert.NotNull(record);
                foreach (var (column, paths) in ContractPaths.Streams[stream])
                {
                    var schema = (JObject)StreamRegistry.Get(stream).Schema["properties"]![column]!;
                    Assert.Null(ExpectedValues.Mismatch(ExpectedValues.At(apiObject, paths), record![column]!, schema));
                }
            }
        }
    }

    [Fact]
    public async Task Output_is_valid_singer_every_record_matches_its_schema_and_a_state_comes_last()
    {
        var run = await EmulatorFixture.DefaultRunAsync();
        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;

        var schemaSeen = new HashSet<string>();
        foreach (var message in output.All)
        {
            var stream = message["stream"]?.ToString();
            switch (message["type"]!.ToString())
            {
                case "SCHEMA":
                    Assert.NotEmpty(message["key_properties"]!);
                    schemaSeen.Add(stream!);
                    break;
                case "RECORD":
                    Assert.Contains(stream!, schemaSeen);
                    Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", message["time_extracted"]!.ToString());
                    Assert.Empty(SchemaValidation.Errors(stream!, (JObject)message["record"]!));
                    break;
            }
        }
        Assert.Equal("STATE", output.All[^1]["type"]!.ToString());
        Assert.Equal(FullTableStreams.Order(), schemaSeen.Where(FullTableStreams.Contains).Order());
    }

    [Fact]
    public async Task Clockify_quirks_become_the_contracts_types()
    {
        var run = await RunAsync(new JObject { ["workspace_ids"] = new JArray(AdministeredWorkspaces.Select(w => w.Id)) },
            "--catalog", TempFolder.Create().Write("catalog.json", Catalogs.Selecting("workspaces", "users_memberships").ToString()));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;

        var withRounding = AdministeredWorkspaces.First(w => w.Workspace["workspaceSettings"]?["round"]?["minutes"]?.Type == JTokenType.String);
        var workspaceRecord = output.Records("workspaces").Single(r => r["id"]!.ToString() == withRounding.Id);
        Assert.Equal(JTokenType.Integer, workspaceRecord["round__minutes"]!.Type);
        Assert.Equal(decimal.Parse(withRounding.Workspace["workspaceSettings"]!["round"]!["minutes"]!.ToString()), (decimal)workspaceRecord["round__minutes"]!);

        var membershipWithCost = AdministeredWorkspaces.SelectMany(w => w.Users).SelectMany(u => u["memberships"]!.Cast<JObject>())
            .First(m => m["costRate"] is JObject);
        var membershipRecord = output.Records("users_memberships").First(r => r["user_id"]!.ToString() == membershipWithCost["userId"]!.ToString()
            && r["targetid"]!.ToString() == membershipWithCost["targetId"]!.ToString());
        Assert.Equal(JObject.Parse(membershipRecord["costrate"]!.ToString()), membershipWithCost["costRate"]!, JToken.EqualityComparer);
    }

    [Fact]
    public async Task Users_of_every_account_and_membership_status_are_extracted()
    {
        var run = await EmulatorFixture.DefaultRunAsync();
        Assert.True(run.ExitCode == 0, run.Stderr);

        var statuses = run.Messages.Records("users").Select(r => r["status"]!.ToString()).ToHashSet();
        Assert.Superset(new HashSet<string> { "ACTIVE", "PENDING_EMAIL_VERIFICATION", "DELETED", "NOT_REGISTERED", "LIMITED", "LIMITED_DELETED" }, statuses);
        var membershipStatuses = run.Messages.Records("users_memberships").Where(r => r["membershiptype"]!.ToString() == "WORKSPACE")
            .Select(r => r["membershipstatus"]!.ToString()).ToHashSet();
        Assert.Superset(new HashSet<string> { "ACTIVE", "PENDING", "DECLINED", "INACTIVE" }, membershipStatuses);
    }

    [Fact]
    public async Task A_workspace_the_key_cannot_administer_is_skipped_with_a_warning_naming_it()
    {
        var run = await EmulatorFixture.DefaultRunAsync();
        Assert.True(run.ExitCode == 0, run.Stderr);

        var adminId = Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var memberOnly = Data.Workspaces.Single(w => !w.IsAdministrator(adminId) && w.WorkspaceMembershipStatus(adminId) is not null);
        Assert.DoesNotContain(run.Messages.Records("workspaces"), r => r["id"]!.ToString() == memberOnly.Id);
        Assert.Contains(run.StderrLines, l => l.Contains("WARNING") && l.Contains(memberOnly.Id) && l.Contains("skipped"));
    }

    [Fact]
    public async Task The_request_that_tests_the_keys_rights_in_a_workspace_is_the_first_page_of_its_users_so_they_are_asked_for_once()
    {
        var sync = await EmulatorFixture.DefaultSyncAsync();
        Assert.True(sync.Run.ExitCode == 0, sync.Run.Stderr);

        var adminId = Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var keysWorkspaces = Data.Workspaces.Where(w => w.WorkspaceMembershipStatus(adminId) is not null).ToList();
        Assert.Contains(keysWorkspaces, w => !w.IsAdministrator(adminId));
        foreach (var workspace in keysWorkspaces)
        {
            var asked = sync.Emulator.Requests.All.Where(r => r.Path.EndsWith($"/workspaces/{workspace.Id}/users")).ToList();
            var only = Assert.Single(asked);
            Assert.Equal(workspace.IsAdministrator(adminId) ? 200 : 403, only.Status);
        }
    }

    [Fact]
    public async Task A_catalog_selects_streams_and_properties_and_keys_are_always_written()
    {
        var discover = await RunAsync(null, "--discover");
        var catalog = JObject.Parse(discover.Stdout);
        foreach (var stream in ((JArray)catalog["streams"]!).Cast<JObject>())
        {
            var name = stream["tap_stream_id"]!.ToString();
            var metadata = (JArray)stream["metadata"]!;
            metadata.Cast<JObject>().Single(m => !m["breadcrumb"]!.Any())["metadata"]!["selected"] = name is "clients" or "users_memberships";
            foreach (var property in metadata.Cast<JObject>().Where(m => m["breadcrumb"]!.Any()))
            {
                var column = property["breadcrumb"]![1]!.ToString();
                property["metadata"]!["selected"] = column is "name" or "membershiptype";
            }
        }
        var folder = TempFolder.Create();
        var run = await TapRun.StartAsync(["--config", folder.Write("config.json", fixture.Config().ToString()),
            "--catalog", folder.Write("catalog.json", catalog.ToString())]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["clients", "users_memberships"], run.Messages.RecordCounts.Keys.Order());
        Assert.All(run.Messages.Records("clients"), r => Assert.Equal(["id", "name"], r.Properties().Select(p => p.Name)));
        Assert.All(run.Messages.Records("users_memberships"), r => Assert.Equal(["user_id", "targetid", "membershiptype"], r.Properties().Select(p => p.Name)));
        Assert.Equal(["id", "name"], ((JObject)run.Messages.Schema("clients")["schema"]!["properties"]!).Properties().Select(p => p.Name));
        Assert.Equal(ExpectedObjects()["users_memberships"].Count, run.Messages.Records("users_memberships").Count);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_any_output()
    {
        var run = await RunAsync(new JObject { ["log_level"] = "debug" });
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain(EmulatorDataset.AdminApiKey, run.Stdout);
        Assert.DoesNotContain(EmulatorDataset.AdminApiKey, run.Stderr);
    }
}

using System.Security.Cryptography;
using System.Text;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>The stream_maps and stream_map_config settings, as Meltano SDK taps read them, against the emulator.</summary>
public class StreamMapsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Seed = "01AWZh7A6DzGm6iJZZ2T";

    private IReadOnlyList<EmulatorWorkspace> AdministeredWorkspaces
    {
        get
        {
            var adminId = fixture.Emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
            return fixture.Emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        }
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<TapRun> RunAsync(JObject streamMaps, params string[] arguments) =>
        TapRun.WithConfigAsync(fixture.Config(extra: new JObject
        {
            ["stream_maps"] = streamMaps,
            ["stream_map_config"] = new JObject { ["hash_seed"] = Seed },
        }), arguments);

    /// <summary>For maps of users alone: a catalog selecting only users spares the run every other stream's requests.</summary>
    private static string[] UsersOnly() => ["--catalog", TempFolder.Create().Write("catalog.json", Catalogs.Selecting("users").ToString())];

    private static JObject IssueMaps() => JObject.Parse("""
    {
      "users": {"email": "md5(email)", "email_salted": "md5(config['hash_seed'] + email)"},
      "time_entries": {"description": null},
      "projects": {"__filter__": "archived == False"},
      "clients": {"__alias__": "customers"},
      "tags": null
    }
    """);

    [Fact]
    public async Task Emails_are_hashed_descriptions_dropped_archived_projects_filtered_clients_renamed_and_tags_not_written()
    {
        var run = await RunAsync(IssueMaps());

        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;
        var workspaces = AdministeredWorkspaces;

        var users = workspaces.SelectMany(w => w.Users).ToList();
        Assert.Equal(
            users.Select(u => (u["id"]!.ToString(), Md5(u["email"]!.ToString()), Md5(Seed + u["email"]))).OrderBy(u => u.Item1),
            output.Records("users").Select(r => (r["id"]!.ToString(), r["email"]!.ToString(), r["email_salted"]!.ToString())).OrderBy(u => u.Item1));
        var usersSchema = output.Schema("users");
        Assert.Equal(new JArray("null", "string"), usersSchema["schema"]!["properties"]!["email"]!["type"]);
        Assert.Equal(new JArray("string", "null"), usersSchema["schema"]!["properties"]!["email_salted"]!["type"]);
        Assert.Equal(new JArray("id"), usersSchema["key_properties"]);

        var timeEntries = output.Records("time_entries");
        Assert.NotEmpty(timeEntries);
        Assert.All(timeEntries, r => Assert.False(r.ContainsKey("description")));
        Assert.Null(output.Schema("time_entries")["schema"]!["properties"]!["description"]);
        Assert.NotNull(output.Schema("time_entries")["schema"]!["properties"]!["timeinterval_start"]);
        Assert.Equal(new JArray("timeinterval_start"), output.Schema("time_entries")["bookmark_properties"]);

        var projects = workspaces.SelectMany(w => w.Projects).ToList();
        Assert.Contains(projects, p => (bool)p["archived"]!);
        Assert.Equal(
            projects.Where(p => !(bool)p["archived"]!).Select(p => p["id"]!.ToString()).Order(),
            output.Records("projects").Select(r => r["id"]!.ToString()).Order());

        Assert.Equal(
            workspaces.SelectMany(w => w.Clients).Select(c => c["id"]!.ToString()).Order(),
            output.Records("customers").Select(r => r["id"]!.ToString()).Order());
        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("schemas", "clients.json"))), output.Schema("customers")["schema"]);

        var named = output.All.Where(m => m["stream"] is not null).Select(m => m["stream"]!.ToString()).ToHashSet();
        Assert.DoesNotContain("tags", named);
        Assert.DoesNotContain("clients", named);
        var activations = output.OfType("ACTIVATE_VERSION").Select(m => m["stream"]!.ToString()).ToList();
        Assert.Contains("customers", activations);
        var customerVersion = (long)output.OfType("RECORD").First(m => m["stream"]!.ToString() == "customers")["version"]!;
        Assert.Equal(customerVersion, (long)output.OfType("ACTIVATE_VERSION").Last(m => m["stream"]!.ToString() == "customers")["version"]!);
        // STATE is the tap's own bookmark, read back by the tap: keyed by its stream names, as in SDK taps.
        Assert.Equal(customerVersion, (long)output.States[^1]["bookmarks"]!["clients"]!["table_version"]!);
        Assert.Null(output.States[^1]["bookmarks"]!["tags"]);

        // Streams no map names pass through unchanged.
        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("schemas", "users_memberships.json"))), output.Schema("users_memberships")["schema"]);
        Assert.Equal(workspaces.SelectMany(w => w.Users).Sum(u => u["memberships"]!.Count()), output.Records("users_memberships").Count);
    }

    [Fact]
    public async Task An_invalid_expression_fails_with_one_line_naming_the_stream_and_property_and_writes_nothing()
    {
        var before = fixture.Emulator.Requests.Count;
        var run = await RunAsync(new JObject { ["users"] = new JObject { ["email"] = "sha1(email)" } });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("stream_maps, stream users, property email (\"sha1(email)\"): unknown function sha1(); supported: md5(), str(), int(), float(), bool(), len()", line);
        Assert.Equal(before, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_value_an_expression_cannot_handle_fails_the_run_with_one_line_naming_stream_property_and_record()
    {
        var run = await RunAsync(new JObject { ["users"] = new JObject { ["name_number"] = "int(name)" } }, UsersOnly());

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StderrLines, l => l.Contains("ERROR"));
        Assert.Matches("stream_maps, stream users, property name_number \\(\"int\\(name\\)\"\\): invalid literal for int\\(\\): '.+' \\(record id [0-9a-f]{24} of users\\)", line);
        Assert.Empty(run.Messages.Records("users"));
    }

    [Fact]
    public async Task Removing_a_key_property_is_refused_unless_key_properties_names_the_new_key()
    {
        var refused = await RunAsync(new JObject { ["users"] = new JObject { ["id"] = null } });
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        Assert.Contains("stream_maps, stream users, property id: it is a key property, so it cannot be removed; set __key_properties__ to the new key (or null for none)",
            Assert.Single(refused.StderrLines));

        var rekeyed = await RunAsync(JObject.Parse("""
            {"users": {"id_hash": "md5(id)", "id": null, "__key_properties__": ["id_hash"]}}
            """), UsersOnly());
        Assert.True(rekeyed.ExitCode == 0, rekeyed.Stderr);
        Assert.Equal(new JArray("id_hash"), rekeyed.Messages.Schema("users")["key_properties"]);
        Assert.All(rekeyed.Messages.Records("users"), r => Assert.False(r.ContainsKey("id")));
        Assert.Equal(
            AdministeredWorkspaces.SelectMany(w => w.Users).Select(u => Md5(u["id"]!.ToString())).Order(),
            rekeyed.Messages.Records("users").Select(r => r["id_hash"]!.ToString()).Order());
    }

    [Fact]
    public async Task Source_makes_a_second_stream_and_else_null_keeps_only_the_listed_properties_and_the_key()
    {
        var run = await RunAsync(JObject.Parse("""
            {"users_contact": {"__source__": "users", "email": "email", "name_upper": "name.upper()", "__else__": null}}
            """), UsersOnly());

        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Messages;
        var schema = output.Schema("users_contact");
        Assert.Equal(["id", "email", "name_upper"], ((JObject)schema["schema"]!["properties"]!).Properties().Select(p => p.Name));
        Assert.Equal(new JArray("id"), schema["key_properties"]);
        var users = AdministeredWorkspaces.SelectMany(w => w.Users).ToList();
        Assert.Equal(
            users.Select(u => $"{u["id"]} {u["email"]} {u["name"]!.ToString().ToUpperInvariant()}").Order(),
            output.Records("users_contact").Select(r => $"{r["id"]} {r["email"]} {r["name_upper"]}").Order());
        // The source stream is still written as it is.
        Assert.Equal(users.Count, output.Records("users").Count);
        Assert.Equal(users.Select(u => u["email"]!.ToString()).Order(), output.Records("users").Select(r => r["email"]!.ToString()).Order());
    }

    [Fact]
    public async Task Stream_maps_may_come_from_the_environment_as_json_text()
    {
        var folder = TempFolder.Create();
        var config = folder.Write("config.json", fixture.Config().ToString());

        var mapped = await TapRun.StartAsync(["--config", config, "--discover"],
            new Dictionary<string, string> { ["TAP_CLOCKIFY_STREAM_MAPS"] = """{"users": {"email": "sha1(email)"}}""" });
        Assert.Equal(1, mapped.ExitCode);
        Assert.Contains("stream_maps, stream users, property email (\"sha1(email)\"): unknown function sha1()", Assert.Single(mapped.StderrLines));

        var broken = await TapRun.StartAsync(["--config", config, "--discover"],
            new Dictionary<string, string> { ["TAP_CLOCKIFY_STREAM_MAPS"] = "{users: " });
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("stream_maps from TAP_CLOCKIFY_STREAM_MAPS is not JSON", Assert.Single(broken.StderrLines));
    }

    [Fact]
    public async Task Discover_lists_the_taps_own_streams_whatever_the_maps_and_refuses_a_bad_map()
    {
        var discover = await RunAsync(IssueMaps(), "--discover");
        Assert.True(discover.ExitCode == 0, discover.Stderr);
        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("catalog.example.json"))), JObject.Parse(discover.Stdout), JToken.EqualityComparer);

        var refused = await RunAsync(new JObject { ["projects"] = new JObject { ["__filter__"] = "archived = False" } }, "--discover");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        Assert.Contains("stream_maps, stream projects, __filter__ (\"archived = False\"): '=' is not supported (position 10); compare with ==", Assert.Single(refused.StderrLines));
    }
}

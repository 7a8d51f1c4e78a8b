using System.Runtime.CompilerServices;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

public class CommandLineTests
{
    private static JObject OfflineConfig => new() { ["api_key"] = "not-used-by-discovery" };

    /// <summary>
    /// The snapshot of the calling test, named here rather than found from the call stack: for an
    /// async test Snapshooter finds the method by scanning every type of every loaded assembly
    /// (about 0.4 s of CPU).
    /// </summary>
    private static SnapshotFullName SnapshotOf([CallerMemberName] string test = "") =>
        new($"{nameof(CommandLineTests)}.{test}.snap", RepoPaths.Of("tests", "TapClockify.Tests", "EndToEnd"));

    [Fact]
    public async Task Discover_writes_every_stream_with_schema_and_standard_metadata()
    {
        var run = await TapRun.WithConfigAsync(OfflineConfig, "--discover");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Snapshot.Match(JObject.Parse(run.Stdout), SnapshotOf());
    }

    [Fact]
    public async Task The_example_catalog_is_the_real_discover_output()
    {
        var run = await TapRun.WithConfigAsync(OfflineConfig, "--discover");

        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("catalog.example.json"))), JObject.Parse(run.Stdout), JToken.EqualityComparer);
    }

    [Fact]
    public async Task About_as_json_lists_capabilities_and_settings_with_the_key_secret()
    {
        var run = await TapRun.StartAsync(["--about", "--format", "json"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var about = JObject.Parse(run.Stdout);
        Assert.True((bool)about["settings"]!["properties"]!["api_key"]!["secret"]!);
        Snapshot.Match(about, SnapshotOf());
    }

    [Fact]
    public async Task About_as_markdown_matches_its_snapshot()
    {
        var run = await TapRun.StartAsync(["--about", "--format", "markdown"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Snapshot.Match(run.Stdout, SnapshotOf());
    }

    [Fact]
    public async Task The_readme_settings_table_is_the_about_markdown_table()
    {
        var run = await TapRun.StartAsync(["--about", "--format", "markdown"]);
        var about = run.Stdout;
        var table = about[about.IndexOf("| Setting", StringComparison.Ordinal)..about.IndexOf("\n\nEach setting", StringComparison.Ordinal)];

        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var start = readme.IndexOf("<!-- settings:start -->\n", StringComparison.Ordinal) + "<!-- settings:start -->\n".Length;
        var end = readme.IndexOf("<!-- settings:end -->", StringComparison.Ordinal);
        Assert.Equal(table + "\n", readme[start..end]);
    }

    [Fact]
    public async Task About_needs_no_config_and_defaults_to_json()
    {
        var run = await TapRun.StartAsync(["--about"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("tap-clockify", JObject.Parse(run.Stdout)["name"]!.ToString());
    }

    /// <summary>The executable's --help, run once for the two tests that read it (a process costs 0.15 s of CPU).</summary>
    private static readonly Lazy<Task<TapRun>> ExecutableHelp = new(() => TapProcess.StartAsync(["--help"]));

    [Fact]
    public async Task Version_and_help_exit_zero()
    {
        Assert.Equal(0, (await TapProcess.StartAsync(["--version"])).ExitCode);
        var help = await ExecutableHelp.Value;
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--catalog", help.Stdout);
    }

    [Fact]
    public async Task Help_run_in_process_is_the_executables_help()
    {
        var executable = await ExecutableHelp.Value;
        var inProcess = await TapRun.StartAsync(["--help"]);

        Assert.Equal(executable.Stdout, inProcess.Stdout);
    }

    [Theory]
    [InlineData(new string[0], "--config is required")]
    [InlineData(new[] { "--bogus" }, "unknown option --bogus")]
    [InlineData(new[] { "--config", "/nonexistent/config.json" }, "--config /nonexistent/config.json: cannot read it (no such file)")]
    public async Task Bad_flags_give_one_clear_line_and_a_non_zero_exit(string[] arguments, string expected)
    {
        var run = await TapProcess.StartAsync(arguments);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("{\"api_key\": 5}", "api_key must be text")]
    [InlineData("{}", "api_key is missing")]
    [InlineData("{\"api_key\": \"k\", \"region\": \"mars\"}", "region \"mars\" is not one of")]
    [InlineData("{\"api_key\": \"k\", \"page_size\": 9000}", "page_size is 9000; use a value from 1 to 5000")]
    [InlineData("{\"api_key\": \"k\", \"api_url\": \"http://api.example.com/api/v1\"}", "api_url \"http://api.example.com/api/v1\" must use https")]
    [InlineData("{\"api_key\": ", "not valid JSON")]
    public async Task A_bad_config_names_the_file_and_the_setting(string config, string expected)
    {
        var folder = TempFolder.Create();
        var path = folder.Write("config.json", config);
        var run = await TapRun.StartAsync(["--config", path, "--discover"]);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(path, line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Settings_missing_from_the_file_come_from_the_environment()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var folder = TempFolder.Create();
        var path = folder.Write("config.json", new JObject { ["api_url"] = emulator.ApiUrl }.ToString());
        var catalog = folder.Write("catalog.json", Catalogs.Selecting("tags").ToString());

        var run = await TapProcess.StartAsync(["--config", path, "--catalog", catalog], new Dictionary<string, string>
        {
            ["TAP_CLOCKIFY_API_KEY"] = EmulatorDataset.AdminApiKey,
            ["TAP_CLOCKIFY_PAGE_SIZE"] = "2",
        });

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.NotEmpty(run.Messages.Records("tags"));
        Assert.Contains(emulator.Requests.All, r => r.Query.Contains("page-size=2"));
    }
}

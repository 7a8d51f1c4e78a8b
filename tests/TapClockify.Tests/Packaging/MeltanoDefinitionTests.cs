using TapClockify.Singer.Sync;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>The hub definition and the example project install the tap from its wheels and extract every stream.</summary>
public class MeltanoDefinitionTests
{
    private static readonly string[] HubFile = File.ReadAllLines(RepoPaths.Of("meltano", "tap-clockify.hub.yml"));
    private static readonly string[] ProjectFile = File.ReadAllLines(RepoPaths.Of("meltano", "meltano.yml"));

    [Theory]
    [InlineData("variant")]
    [InlineData("pip_url")]
    [InlineData("repo")]
    [InlineData("docs")]
    [InlineData("namespace")]
    [InlineData("executable")]
    public void The_hub_definition_has_a_value_for(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(TopLevelValue(HubFile, key)), $"{key} is missing from tap-clockify.hub.yml");
    }

    [Fact]
    public void The_hub_definition_points_at_the_projects_repository_and_a_package_index()
    {
        var repo = TopLevelValue(HubFile, "repo")!;
        Assert.StartsWith("https://", repo);
        Assert.StartsWith(repo, TopLevelValue(HubFile, "docs"));
        Assert.Matches(@"^--index-url https://\S+/simple/ tap-clockify$", TopLevelValue(HubFile, "pip_url"));
    }

    [Fact]
    public void The_example_project_installs_the_tap_as_the_hub_does()
    {
        var extractorPipUrl = ProjectFile.Select(l => l.Trim()).First(l => l.StartsWith("pip_url: ", StringComparison.Ordinal));

        Assert.Equal("pip_url: " + TopLevelValue(HubFile, "pip_url"), extractorPipUrl);
    }

    [Fact]
    public void The_example_project_selects_every_stream_that_has_a_schema_or_says_why_not()
    {
        var selected = ProjectFile.Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal) && l.EndsWith(".*", StringComparison.Ordinal))
            .Select(l => l[2..^2]).ToHashSet();
        var streams = StreamRegistry.All.Select(s => s.Name).ToList();

        Assert.NotEmpty(streams);
        Assert.All(streams, stream => Assert.True(selected.Contains(stream!) || ProjectFile.Any(l => l.TrimStart().StartsWith('#') && l.Contains($" {stream} left out")),
            $"meltano/meltano.yml neither selects {stream}.* nor says why in a comment '# ... {stream} left out: ...'"));
        Assert.All(selected, name => Assert.True(streams.Contains(name), $"meltano/meltano.yml selects {name}.*, which is no stream of the tap"));
    }

    [Fact]
    public void The_example_project_gives_each_incremental_stream_with_a_replication_key_its_method_and_key()
    {
        var metadata = ProjectFile.SkipWhile(l => l.Trim() != "metadata:").Skip(1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)).ToList();
        var declared = metadata.Where(l => !l.StartsWith("        ", StringComparison.Ordinal)).Select(l => l.Trim().TrimEnd(':')).ToList();
        var incremental = StreamRegistry.All.Where(s => s.Replication == ReplicationMethod.Incremental && s.ReplicationKey is not null).ToList();

        Assert.Equal(incremental.Select(s => s.Name), declared);
        foreach (var stream in incremental)
        {
            var lines = metadata.SkipWhile(l => l.Trim() != stream.Name + ":").Skip(1).TakeWhile(l => l.StartsWith("        ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            Assert.Equal(["replication-method: INCREMENTAL", $"replication-key: {stream.ReplicationKey}"], lines);
        }
    }

    [Fact]
    public void The_example_project_configures_the_loaders_host_database_and_schema()
    {
        var loader = string.Join("\n", ProjectFile.SkipWhile(l => !l.Contains("- name: target-postgres")));

        Assert.Contains("host: ", loader);
        Assert.Contains("database: ", loader);
        Assert.Contains("default_target_schema: ", loader);
    }

    private static string? TopLevelValue(string[] lines, string key) =>
        lines.FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?[(key.Length + 2)..].Trim();
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>The csproj's Version is the one version every output and file names.</summary>
public class VersionTests
{
    public static string ProjectVersion { get; } =
        XDocument.Load(RepoPaths.Of("tap-clockify", "tap-clockify.csproj")).Descendants("Version").Single().Value;

    [Fact]
    public void The_project_version_is_semantic_versioning()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", ProjectVersion);
    }

    [Fact]
    public async Task Version_prints_the_tap_name_and_the_project_version()
    {
        var run = await TapRun.StartAsync(["--version"]);

        Assert.Equal($"tap-clockify {ProjectVersion}", run.Stdout.Trim());
    }

    [Fact]
    public async Task About_names_the_project_version_and_the_user_agent_default_carries_it()
    {
        var about = JObject.Parse((await TapRun.StartAsync(["--about"])).Stdout);

        Assert.Equal(ProjectVersion, about["version"]!.ToString());
        Assert.Equal($"tap-clockify/{ProjectVersion}", about["settings"]!["properties"]!["user_agent"]!["default"]!.ToString());
    }

    [Fact]
    public void The_changelogs_newest_release_is_the_project_version()
    {
        var releases = Regex.Matches(File.ReadAllText(RepoPaths.Of("CHANGELOG.md")), @"^## \[(\d[^\]]*)\] - \d{4}-\d{2}-\d{2}$", RegexOptions.Multiline);

        Assert.NotEmpty(releases);
        Assert.Equal(ProjectVersion, releases[0].Groups[1].Value);
    }

    [Fact]
    public void The_meltano_files_give_the_user_agent_default_of_the_project_version()
    {
        foreach (var file in new[] { RepoPaths.Of("meltano", "meltano.yml"), RepoPaths.Of("meltano", "tap-clockify.hub.yml") })
        {
            var lines = File.ReadAllLines(file);
            var userAgent = Array.FindIndex(lines, l => l.Trim() == "- name: user_agent");
            var value = lines.Skip(userAgent + 1).TakeWhile(l => !l.TrimStart().StartsWith("- name:", StringComparison.Ordinal))
                .Single(l => l.TrimStart().StartsWith("value:", StringComparison.Ordinal));
            Assert.Equal($"value: \"tap-clockify/{ProjectVersion}\"", value.Trim());
        }
    }
}

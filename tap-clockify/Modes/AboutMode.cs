using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer;
using TapClockify.Singer.Sync;
using TapClockify.Streams;

namespace TapClockify.Modes;

/// <summary>--about: the tap's name, version, capabilities and settings, as JSON or as Markdown.</summary>
public sealed record AboutMode(string Name, string Description, string Version, IReadOnlyList<string> Capabilities, IReadOnlyList<SettingDefinition> Settings)
{
    public static AboutMode OfThisTap { get; } = new(TapSettings.TapName, Describe(StreamRegistry.All),
        TapVersion.Current, ["catalog", "properties", "discover", "state", "about", "test", "activate-version", "stream-maps"], TapSettings.Definitions);

    /// <summary>The tap's description, naming its streams as the registry declares them, so it cannot fall behind it.</summary>
    public static string Describe(IReadOnlyList<ITapStream> streams) =>
        $"Singer tap for Clockify. Streams: {string.Join(", ", streams.Select(s => s.Name))}. "
        + $"Incremental: {string.Join(", ", streams.Where(s => s.Replication == ReplicationMethod.Incremental).Select(s => s.Name))}; the others are full table. "
        + $"Extracted only when a catalog selects them: {string.Join(", ", streams.Where(s => !s.IsSelectedByDefault).Select(s => s.Name))}.";

    /// <summary>Writes the description as Markdown when <paramref name="format"/> says so, else as JSON.</summary>
    public void Write(string? format, TextWriter output) => output.Write(format == "markdown"
        ? ToMarkdown(Name.Replace('-', '_').ToUpperInvariant() + "_")
        : ToJson().ToString(Formatting.Indented) + "\n");

    public JObject ToJson() => new()
    {
        ["name"] = Name,
        ["description"] = Description,
        ["version"] = Version,
        ["capabilities"] = new JArray(Capabilities),
        ["settings"] = new JObject
        {
            ["type"] = "object",
            ["properties"] = new JObject(Settings.Select(s => new JProperty(s.Name, s.ToJsonSchema()))),
            ["required"] = new JArray(Settings.Where(s => s.Required).Select(s => s.Name)),
        },
    };

    public string ToMarkdown(string environmentPrefix)
    {
        var text = new StringBuilder();
        text.Append("# `").Append(Name).Append("`\n\n").Append(Description).Append("\n\n");
        text.Append("## Capabilities\n\n");
        foreach (var capability in Capabilities) text.Append("* `").Append(capability).Append("`\n");
        text.Append("\n## Settings\n\n");
        text.Append("| Setting | Required | Default | Description |\n|:--|:--:|:--|:--|\n");
        foreach (var setting in Settings)
        {
            var defaultText = setting.Default is null ? "" : $"`{setting.Default.ToString(Formatting.None)}`";
            text.Append("| `").Append(setting.Name).Append("` | ").Append(setting.Required ? "yes" : "no").Append(" | ")
                .Append(defaultText).Append(" | ").Append(setting.Description.Replace("|", "\\|")).Append(" |\n");
        }
        text.Append("\nEach setting may also come from the environment variable `").Append(environmentPrefix)
            .Append("<SETTING>` (upper case) when the config file leaves it out.\n");
        return text.ToString();
    }
}

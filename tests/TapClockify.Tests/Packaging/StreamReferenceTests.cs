using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>The README's stream reference is generated from schemas/ and kept equal to it.</summary>
public class StreamReferenceTests
{
    private const string Start = "<!-- stream-reference:start -->\n";
    private const string End = "<!-- stream-reference:end -->";

    /// <summary>The generator's output for this repository, run once for the two tests that read it.</summary>
    private static readonly Lazy<Task<string>> Generated =
        new(() => Command.RunOrFailAsync(Command.Python3, Command.StandardLibraryOnly(RepoPaths.Of("scripts", "stream_reference.py")), RepoPaths.Root));

    [Fact]
    public async Task The_generator_lists_every_column_of_every_schema_as_a_row()
    {
        var generated = await Generated.Value;

        foreach (var file in Directory.GetFiles(RepoPaths.Of("schemas"), "*.json"))
        {
            var stream = Path.GetFileNameWithoutExtension(file);
            var section = generated[generated.IndexOf($"<code>{stream}</code>", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("</details>", StringComparison.Ordinal)];
            var columns = ((JObject)JObject.Parse(File.ReadAllText(file))["properties"]!).Properties().Select(p => p.Name).ToList();
            Assert.Equal(columns, section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]));
        }
    }

    [Fact]
    public async Task The_readme_stream_reference_is_the_generators_output()
    {
        var generated = await Generated.Value;
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "README.md lacks the stream reference markers");
        Assert.True(generated == readme[(start + Start.Length)..end], "README.md's stream reference differs from schemas/: run python3 scripts/stream_reference.py --write");
    }

    [Theory]
    [InlineData("integer", "{\"type\": [\"null\", \"integer\"]}")]
    [InlineData("timestamp", "{\"type\": [\"null\", \"string\"], \"format\": \"date-time\"}")]
    [InlineData("text not null", "{\"type\": \"string\"}")]
    [InlineData("array of text", "{\"type\": [\"null\", \"array\"], \"items\": {\"type\": \"string\"}}")]
    public async Task The_generator_names_a_columns_type(string expected, string schema)
    {
        var folder = TempFolder.Create();
        Directory.CreateDirectory(Path.Combine(folder.Path, "scripts"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "schemas"));
        File.Copy(RepoPaths.Of("scripts", "stream_reference.py"), Path.Combine(folder.Path, "scripts", "stream_reference.py"));
        folder.Write("schemas/example.json", $"{{\"type\": \"object\", \"properties\": {{\"column\": {schema}}}}}");

        var generated = await Command.RunOrFailAsync(Command.Python3, Command.StandardLibraryOnly(Path.Combine(folder.Path, "scripts", "stream_reference.py")), folder.Path);

        Assert.Contains($"| `column` | {expected} |\n", generated);
    }
}

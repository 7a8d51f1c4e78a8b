using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer.Messages;

public class SingerWriterTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes one RECORD whose single column holds <paramref name="valueJson"/> as raw bytes; returns its line and the writer.</summary>
    private static (string Line, SingerWriter Writer) WriteOne(byte[] valueJson)
    {
        var output = new MemoryStream();
        var writer = new SingerWriter(output);
        writer.WriteRecord(writer.ShapeOf("s", ["v"]), [new JsonFragment(valueJson, JsonValueKind.String)], DateTimeOffset.UnixEpoch, null);
        writer.Flush();
        return (StrictUtf8.GetString(output.ToArray()), writer);
    }

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string text ? Encoding.UTF8.GetBytes(text) : (byte[])p).ToArray();

    [Fact]
    public void Line_and_paragraph_separators_are_written_escaped()
    {
        var (line, _) = WriteOne(Bytes("\"a\u2028b\u2029c\""));

        Assert.Contains("a\\u2028b\\u2029c", line);
        Assert.DoesNotContain('\u2028', line);
        Assert.Equal("a\u2028b\u2029c", JObject.Parse(line)["record"]!["v"]!.ToString());
    }

    [Theory]
    [InlineData("\"x\\ud800y\"")]
    [InlineData("\"x\\udc00y\"")]
    [InlineData("\"x\\uD83Dy\"")]
    public void A_lone_surrogate_escape_becomes_the_replacement_character_and_is_counted(string value)
    {
        var (line, writer) = WriteOne(Bytes(value));

        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("x\uFFFDy", parsed.RootElement.GetProperty("record").GetProperty("v").GetString());
        Assert.Equal(1, writer.ReplacedSurrogates);
    }

    [Theory]
    [InlineData("\"caf\u00e9 \\ud800\"", "caf\u00e9 \uFFFD")]
    [InlineData("\"\\ud800 caf\u00e9\"", "\uFFFD caf\u00e9")]
    public void A_lone_surrogate_escape_is_found_after_or_before_text_that_is_not_ascii(string value, string expected)
    {
        var (line, writer) = WriteOne(Bytes(value));

        Assert.Equal(expected, JsonDocument.Parse(line).RootElement.GetProperty("record").GetProperty("v").GetString());
        Assert.Equal(1, writer.ReplacedSurrogates);
    }

    [Fact]
    public void A_surrogate_encoded_alone_in_utf8_becomes_the_replacement_character()
    {
        // ED A0 80 is U+D800 encoded as if it were a character: invalid UTF-8.
        var (line, writer) = WriteOne(Bytes("\"x", new byte[] { 0xED, 0xA0, 0x80 }, "y\""));

        // Each byte of the invalid sequence is replaced, as UTF-8 decoders do.
        Assert.Matches("^x\uFFFD+y$", JsonDocument.Parse(line).RootElement.GetProperty("record").GetProperty("v").GetString());
        Assert.True(writer.ReplacedSurrogates >= 1);
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00 and \\\\ud800 stay\"", "\U0001F600 and \\ud800 stay")]
    [InlineData("\"caf\u00e9 \u2019quoted\u2019\"", "caf\u00e9 \u2019quoted\u2019")]
    public void Valid_pairs_escaped_backslashes_and_other_text_pass_unchanged(string value, string expected)
    {
        var (line, writer) = WriteOne(Bytes(value));

        Assert.Contains(value, line);
        Assert.Equal(expected, JsonDocument.Parse(line).RootElement.GetProperty("record").GetProperty("v").GetString());
        Assert.Equal(0, writer.ReplacedSurrogates);
    }

    [Fact]
    public void Messages_written_from_json_objects_escape_the_separators_too()
    {
        var output = new MemoryStream();
        using (var writer = new SingerWriter(output)) writer.WriteState(TapState.Parse(new JObject { ["note"] = "a\u2028b" }, "test"));

        Assert.DoesNotContain('\u2028', StrictUtf8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_state_is_flushed_at_once_and_after_every_record_written_before_it()
    {
        var output = new RecordingStream();
        var writer = new SingerWriter(output);
        var shape = writer.ShapeOf("s", ["id"]);

        writer.WriteSchema("s", new JObject(), ["id"], null);
        for (var i = 0; i < 3; i++) writer.WriteRecord(shape, [new JsonFragment(Encoding.UTF8.GetBytes($"\"r{i}\""), JsonValueKind.String)], DateTimeOffset.UnixEpoch, null);
        writer.WriteActivateVersion("s", 7);
        Assert.Equal(0, output.Length);

        writer.WriteState(TapState.Empty());

        Assert.Equal([output.Length], output.LengthsAtFlush);
        var types = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JObject.Parse(line)["type"]!.ToString());
        Assert.Equal(["SCHEMA", "RECORD", "RECORD", "RECORD", "ACTIVATE_VERSION", "STATE"], types);
    }

    [Fact]
    public void Messages_are_framed_as_singer_lines()
    {
        var output = new RecordingStream();
        using (var writer = new SingerWriter(output))
        {
            writer.WriteSchema("s", new JObject { ["type"] = "object" }, ["id"], ["updated"]);
            writer.WriteRecord(writer.ShapeOf("s", ["id", "n"]),
                [new JsonFragment("\"a\""u8.ToArray(), JsonValueKind.String), default], new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)), 42);
            writer.WriteActivateVersion("s", 42);
            writer.WriteState(TapState.Empty());
        }

        Assert.Equal(
            """
            {"type":"SCHEMA","stream":"s","schema":{"type":"object"},"key_properties":["id"],"bookmark_properties":["updated"]}
            {"type":"RECORD","stream":"s","record":{"id":"a","n":null},"version":42,"time_extracted":"2024-05-06T05:08:09.123000Z"}
            {"type":"ACTIVATE_VERSION","stream":"s","version":42}
            {"type":"STATE","value":{"bookmarks":{}}}

            """.ReplaceLineEndings("\n"), output.Text);
    }
}

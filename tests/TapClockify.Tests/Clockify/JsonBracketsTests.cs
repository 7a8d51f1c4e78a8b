using System.Text;
using System.Text.Json;
using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>Finding where a list ends by its brackets, on bytes alone.</summary>
public class JsonBracketsTests
{
    private static int LengthOf(string json) => JsonBrackets.LengthOf(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"id":"a","tags":[{"id":"t"}]},{"id":"b"}]""")]
    [InlineData("""[{"text":"brackets ] } [ { in a string"}]""")]
    [InlineData("""[{"text":"an escaped quote \" ] and backslash \\"}]""")]
    [InlineData("""{"a":{"b":[1,2,{"c":"\\\""}]}}""")]
    public void A_list_or_object_ends_at_its_own_closing_bracket_whatever_its_strings_hold(string json)
    {
        Assert.Equal(json.Length, LengthOf(json + ""","after":[1]}"""));
    }

    [Fact]
    public void Long_lists_end_where_a_json_reader_says_whatever_falls_on_the_edges_of_the_blocks_read_at_once()
    {
        // Strings of every length up to 40 bytes shift escapes, quotes and brackets across every position.
        var pieces = new[] { "a", "]", "}", "[", "{", "\\\"", "\\\\", "\\u0041", "x]y", "é" };
        for (var length = 0; length < 40; length++)
        {
            var text = string.Concat(Enumerable.Range(0, length).Select(i => pieces[(i * 7 + length) % pieces.Length]));
            var json = $$"""[{"id":"{{text}}","n":[1,{"t":"{{text}}"}]},{"k":"{{text}}"},[],{}]""";
            var bytes = Encoding.UTF8.GetBytes(json + ",\"after\":1}");
            var reader = new Utf8JsonReader(bytes, isFinalBlock: false, default);
            reader.Read();
            Assert.True(reader.TrySkip());

            Assert.Equal((int)reader.BytesConsumed, JsonBrackets.LengthOf(bytes));
            Assert.Equal(-1, JsonBrackets.LengthOf(bytes.AsSpan(0, (int)reader.BytesConsumed - 1)));
        }
    }

    [Theory]
    [InlineData("[")]
    [InlineData("""[{"id":"a"}""")]
    [InlineData("""[{"id":"a]""")]
    [InlineData("""[{"id":"a\""")]
    [InlineData("""[{"id":"a\\""")]
    [InlineData("[\"\\")]
    public void Text_that_ends_before_the_list_does_gives_no_length(string json)
    {
        Assert.Equal(-1, LengthOf(json));
    }
}

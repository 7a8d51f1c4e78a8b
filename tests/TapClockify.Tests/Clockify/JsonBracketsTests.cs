using System.Text;
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

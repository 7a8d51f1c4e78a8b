using System.Text;
using System.Text.Json;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Embedded;
using Xunit;

namespace TapClockify.Tests.Streams.Embedded;

public class CustomFieldValueTests
{
    private static JsonFragment List(string json) => new(Encoding.UTF8.GetBytes(json), JsonValueKind.Array);

    [Theory]
    [InlineData("[]")]
    [InlineData("[ ]")]
    [InlineData("[\n\t\r ]")]
    public void An_empty_list_with_or_without_white_space_has_no_objects(string json) =>
        Assert.Empty(CustomFieldValue.ObjectsIn(List(json)));

    [Theory]
    [InlineData("[{\"customFieldId\":\"f1\"},{\"customFieldId\":\"f2\"}]")]
    [InlineData("[ {\"customFieldId\":\"f1\"}, 5, {\"customFieldId\":\"f2\"} ]")]
    public void The_objects_of_a_list_are_read_and_anything_else_in_it_is_passed_over(string json) =>
        Assert.Equal(["f1", "f2"], CustomFieldValue.ObjectsIn(List(json)).Select(o => o["customFieldId"]!.ToString()));

    [Fact]
    public void A_null_is_no_list() =>
        Assert.Empty(CustomFieldValue.ObjectsIn(JsonFragment.Null));
}

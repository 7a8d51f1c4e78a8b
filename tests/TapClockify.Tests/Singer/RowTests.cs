using System.Text;
using System.Text.Json;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;
using Xunit;

namespace TapClockify.Tests.Singer;

public class RowTests
{
    private static Row Read(string json, RowLayout layout, Row? reuse = null)
    {
        return ColumnNaming.Default.ReadRow(Encoding.UTF8.GetBytes(json), 0, out _, layout, reuse);
    }

    [Fact]
    public void A_row_filled_again_holds_only_the_new_objects_values()
    {
        var layout = new RowLayout(["id", "description", "tagids"]);
        var first = Read("""{"id":"first-id","description":"a long description","tagIds":["t1"]}""", layout);
        Assert.Equal("a long description", first["description"].GetString());

        var second = Read("""{"id":"b"}""", layout, reuse: first);

        Assert.Same(first, second);
        Assert.Equal(["id"], second.PresentColumns);
        Assert.Equal("b", second["id"].GetString());
        Assert.True(second["description"].IsAbsent);
    }

    [Fact]
    public void Values_set_as_text_after_the_kept_text_keep_their_own_and_the_read_values_as_the_buffer_grows()
    {
        var layout = new RowLayout(["id", "description", "tagids", "duration"]);
        var row = Read("""{"id":"a","description":"d"}""", layout);

        row.SetText(layout.IndexOf("tagids"), Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"t{i}\"")) + "]"), JsonValueKind.Array);
        row.SetText(layout.IndexOf("duration"), "\"PT8H\""u8, JsonValueKind.String);
        row.SetText(-1, "1"u8, JsonValueKind.Number);

        Assert.Equal("a", row["id"].GetString());
        Assert.Equal("d", row["description"].GetString());
        Assert.Equal(100, row["tagids"].StringItems().Count);
        Assert.Equal("t99", row["tagids"].StringItems()[99].GetString());
        Assert.Equal("PT8H", row["duration"].GetString());
        var text = row.TextOf(layout.IndexOf("duration"), out var kind);
        Assert.Equal("\"PT8H\"", Encoding.UTF8.GetString(text));
        Assert.Equal(JsonValueKind.String, kind);
    }

    [Fact]
    public void A_row_cleared_and_set_again_as_text_holds_only_the_new_values()
    {
        var layout = new RowLayout(["id", "duration"]);
        var row = new Row(layout);
        row.SetText(layout.IndexOf("id"), "\"first\""u8, JsonValueKind.String);
        row.SetText(layout.IndexOf("duration"), "\"PT1H\""u8, JsonValueKind.String);

        row.Clear();
        row.SetText(layout.IndexOf("id"), "\"b\""u8, JsonValueKind.String);

        Assert.Equal(["id"], row.PresentColumns);
        Assert.Equal("b", row["id"].GetString());
        row.TextOf(layout.IndexOf("duration"), out var absent);
        Assert.Equal(JsonValueKind.Undefined, absent);
    }

    [Fact]
    public void A_row_of_another_layout_is_not_reused()
    {
        var other = Read("""{"id":"a"}""", new RowLayout(["id"]));

        var row = Read("""{"id":"b"}""", new RowLayout(["id", "name"]), reuse: other);

        Assert.NotSame(other, row);
        Assert.Equal("a", other["id"].GetString());
    }

    [Fact]
    public void A_value_for_a_column_the_schema_does_not_declare_is_dropped()
    {
        var row = new Row(new RowLayout(["id"]));
        row["unknown"] = JsonFragment.FromString("x");

        Assert.Empty(row.PresentColumns);
        Assert.True(row["unknown"].IsAbsent);
    }

    [Fact]
    public void A_column_has_a_value_unless_it_is_absent_or_null_whether_read_from_text_or_set()
    {
        var layout = new RowLayout(["id", "description", "billable"]);
        var row = Read("""{"id":"a","description":null}""", layout);
        Assert.True(row.HasValue(layout.IndexOf("id")));
        Assert.False(row.HasValue(layout.IndexOf("description")));
        Assert.False(row.HasValue(layout.IndexOf("billable")));

        row["id"] = JsonFragment.Null;
        row["description"] = JsonFragment.FromString("set");
        row["billable"] = JsonFragment.FromBoolean(false);

        Assert.False(row.HasValue(layout.IndexOf("id")));
        Assert.True(row.HasValue(layout.IndexOf("description")));
        Assert.True(row.HasValue(layout.IndexOf("billable")));
    }
}

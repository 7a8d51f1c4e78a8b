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
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return ColumnNaming.Default.ReadRow(ref reader, bytes, layout, reuse);
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
}

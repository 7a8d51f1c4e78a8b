using System.Text.Json;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer;

public class RowTests
{
    [Fact]
    public void A_recycled_row_comes_back_empty_and_holds_its_new_text_only()
    {
        var layout = new RowLayout(["id", "description", "note"]);
        var first = layout.NewRow();
        first.KeepText("\"first-id\",\"a long description\""u8);
        first.SetTextRange(0, 0, 10, JsonValueKind.String);
        first.SetTextRange(1, 11, 20, JsonValueKind.String);
        first["note"] = JsonFragment.FromString("kept elsewhere");
        Assert.Equal("a long description", first["description"].GetString());
        first.Recycle();

        var second = layout.NewRow();
        Assert.Same(first, second);
        Assert.Empty(second.PresentColumns);
        second.KeepText("\"b\""u8);
        second.SetTextRange(0, 0, 3, JsonValueKind.String);

        Assert.Equal(["id"], second.PresentColumns);
        Assert.Equal("b", second["id"].GetString());
        Assert.True(second["note"].IsAbsent);
    }

    [Fact]
    public void A_value_for_a_column_the_schema_does_not_declare_is_dropped()
    {
        var row = new RowLayout(["id"]).NewRow();
        row["unknown"] = JsonFragment.FromString("x");

        Assert.Empty(row.PresentColumns);
        Assert.True(row["unknown"].IsAbsent);
    }
}

using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;
using Xunit;

namespace TapClockify.Tests.Streams;

public class ColumnNamingTests
{
    private static JObject Json(string text) => (JObject)TapJson.Parse(text);

    private static RowLayout Layout(params string[] columns) => new(columns);

    [Fact]
    public void Nested_objects_become_double_underscore_columns_in_lower_case()
    {
        var row = ColumnNaming.Default.Flatten(Json("""{"id":"a","hourlyRate":{"amount":4321,"currency":"USD"},"timeEstimate":null}"""),
            Layout("id", "hourlyrate__amount", "hourlyrate__currency", "timeestimate"));

        Assert.Equal("a", row["id"].GetString());
        Assert.Equal("4321", row["hourlyrate__amount"].ToString());
        Assert.Equal(JsonValueKind.Number, row["hourlyrate__amount"].Kind);
        Assert.Equal("USD", row["hourlyrate__currency"].GetString());
        Assert.Equal(JsonValueKind.Null, row["timeestimate"].Kind);
    }

    [Fact]
    public void A_column_the_schema_declares_keeps_its_object_whole()
    {
        var row = ColumnNaming.Default.Flatten(Json("""{"costRate":{"amount":4000,"currency":"USD"}}"""), Layout("costrate", "costrate__amount"));

        Assert.Equal(JsonValueKind.Object, row["costrate"].Kind);
        Assert.Equal("""{"amount":4000,"currency":"USD"}""", row["costrate"].ToString());
        Assert.True(row["costrate__amount"].IsAbsent);
    }

    [Fact]
    public void Prefix_renames_hoist_settings_and_a_top_level_value_beats_a_hoisted_one()
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var row = naming.Flatten(
            Json("""{"workspaceSettings":{"featureSubscriptionType":"OLD","round":{"minutes":"15"}},"featureSubscriptionType":"STANDARD_2021"}"""),
            Layout("featuresubscriptiontype", "round__minutes"));

        Assert.Equal("STANDARD_2021", row["featuresubscriptiontype"].GetString());
        Assert.Equal("15", row["round__minutes"].GetString());
    }

    [Fact]
    public void A_hoisted_value_fills_a_column_the_top_level_leaves_null()
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var row = naming.Flatten(Json("""{"featureSubscriptionType":null,"workspaceSettings":{"featureSubscriptionType":"PRO"}}"""),
            Layout("featuresubscriptiontype"));

        Assert.Equal("PRO", row["featuresubscriptiontype"].GetString());
    }

    [Theory]
    [InlineData("""{"id":"a","hourlyRate":{"amount":4321,"currency":"USD"},"timeEstimate":null,"tagIds":["x","y"],"costRate":{"amount":1,"currency":"EUR"}}""")]
    [InlineData("""{"workspaceSettings":{"featureSubscriptionType":"OLD","round":{"minutes":"15"}},"featureSubscriptionType":"NEW"}""")]
    [InlineData("""{"featureSubscriptionType":null,"workspaceSettings":{"featureSubscriptionType":"PRO"}}""")]
    // Escapes kept as sent, and an array spread over lines, which a Singer line cannot hold.
    [InlineData("{\"id\":\"\\u00e9t\\u00e9\",\"description\":\"line\\nbreak \\\"quoted\\\"\",\"tagIds\":[ \"x\",\n  \"y\" ],\"hourlyRate\":{\"amount\":10.50}}")]
    public void Reading_a_row_straight_from_json_gives_the_row_flattening_gives(string json)
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var layout = Layout("id", "description", "hourlyrate__amount", "costrate", "tagids", "featuresubscriptiontype", "round__minutes", "timeestimate");
        var flattened = naming.Flatten(Json(json), layout);

        // Read twice: the second time the fields' order is already known.
        for (var pass = 0; pass < 2; pass++)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var read = naming.ReadRow(bytes, 0, out var end, layout);
            Assert.Equal(bytes.Length, end);

            Assert.Equal(flattened.PresentColumns, read.PresentColumns);
            foreach (var column in flattened.PresentColumns)
            {
                Assert.Equal(flattened[column].Kind, read[column].Kind);
                Assert.True(JToken.DeepEquals(flattened[column].ToToken(), read[column].ToToken()), column);
                Assert.DoesNotContain('\n', read[column].ToString());
            }
        }
    }

    [Theory]
    // The same fields as the first object, in its order, their names written otherwise: escaped, spaced, or another name there.
    [InlineData("{\"i\\u0064\":\"b\",\"description\":\"y\"}", "\"b\"", "\"y\"")]
    [InlineData("{\"id\" :\"b\",\"description\"\n:\"y\"}", "\"b\"", "\"y\"")]
    [InlineData("{\"description\":\"y\",\"id\":\"b\"}", "\"b\"", "\"y\"")]
    [InlineData("{\"idx\":\"b\",\"descriptio\":\"y\"}", null, null)]
    public void A_field_at_a_remembered_place_is_taken_only_when_its_name_is_the_same(string second, string? id, string? description)
    {
        var naming = new ColumnNaming();
        var layout = Layout("id", "description");
        naming.ReadRow("""{"id":"a","description":"x"}"""u8, 0, out _, layout);

        var bytes = Encoding.UTF8.GetBytes(second);
        var row = naming.ReadRow(bytes, 0, out var end, layout);

        Assert.Equal(bytes.Length, end);
        Assert.Equal(id, row["id"].IsAbsent ? null : row["id"].ToString());
        Assert.Equal(description, row["description"].IsAbsent ? null : row["description"].ToString());
    }

    [Theory]
    [MemberData(nameof(TapClockify.Tests.Clockify.JsonScannerTests.Texts), MemberType = typeof(TapClockify.Tests.Clockify.JsonScannerTests))]
    public void Reading_a_row_refuses_exactly_the_objects_the_json_reader_refuses(string value)
    {
        // The value sits in a declared column, an undeclared one, and an object of declared and undeclared columns.
        var json = $"{{\"id\":{value},\"other\":{value},\"hourlyRate\":{{\"amount\":{value},\"rest\":{value}}}}}";
        var bytes = Encoding.UTF8.GetBytes(json);
        var readerAccepts = true;
        try
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read()) { }
        }
        catch (JsonException)
        {
            readerAccepts = false;
        }

        var rowRead = true;
        try
        {
            ColumnNaming.Default.ReadRow(bytes, 0, out var end, Layout("id", "hourlyrate__amount"));
            rowRead = end == bytes.Length;
        }
        catch (JsonException)
        {
            rowRead = false;
        }

        Assert.Equal(readerAccepts, rowRead);
    }
}

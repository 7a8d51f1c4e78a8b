using Newtonsoft.Json.Linq;
using TapClockify.Streams.Rows;
using Xunit;

namespace TapClockify.Tests.Streams;

public class ColumnNamingTests
{
    private static JObject Json(string text) => (JObject)TapJson.Parse(text);

    [Fact]
    public void Nested_objects_become_double_underscore_columns_in_lower_case()
    {
        var row = ColumnNaming.Default.Flatten(Json("""{"id":"a","hourlyRate":{"amount":4321,"currency":"USD"},"timeEstimate":null}"""),
            new HashSet<string> { "id", "hourlyrate__amount", "hourlyrate__currency" });

        Assert.Equal("a", row["id"]!.ToString());
        Assert.Equal(4321, (int)row["hourlyrate__amount"]!);
        Assert.Equal("USD", row["hourlyrate__currency"]!.ToString());
        Assert.Equal(JTokenType.Null, row["timeestimate"]!.Type);
    }

    [Fact]
    public void A_column_the_schema_declares_keeps_its_object_whole()
    {
        var row = ColumnNaming.Default.Flatten(Json("""{"costRate":{"amount":4000,"currency":"USD"}}"""), new HashSet<string> { "costrate" });

        Assert.Equal(JTokenType.Object, row["costrate"]!.Type);
        Assert.False(row.ContainsKey("costrate__amount"));
    }

    [Fact]
    public void Prefix_renames_hoist_settings_and_a_top_level_value_beats_a_hoisted_one()
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var row = naming.Flatten(
            Json("""{"workspaceSettings":{"featureSubscriptionType":"OLD","round":{"minutes":"15"}},"featureSubscriptionType":"STANDARD_2021"}"""),
            new HashSet<string> { "featuresubscriptiontype", "round__minutes" });

        Assert.Equal("STANDARD_2021", row["featuresubscriptiontype"]!.ToString());
        Assert.Equal("15", row["round__minutes"]!.ToString());
    }

    [Fact]
    public void A_hoisted_value_fills_a_column_the_top_level_leaves_null()
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var row = naming.Flatten(Json("""{"featureSubscriptionType":null,"workspaceSettings":{"featureSubscriptionType":"PRO"}}"""),
            new HashSet<string> { "featuresubscriptiontype" });

        Assert.Equal("PRO", row["featuresubscriptiontype"]!.ToString());
    }

    [Theory]
    [InlineData("""{"id":"a","hourlyRate":{"amount":4321,"currency":"USD"},"timeEstimate":null,"tagIds":["x","y"],"costRate":{"amount":1,"currency":"EUR"}}""")]
    [InlineData("""{"workspaceSettings":{"featureSubscriptionType":"OLD","round":{"minutes":"15"}},"featureSubscriptionType":"NEW"}""")]
    [InlineData("""{"featureSubscriptionType":null,"workspaceSettings":{"featureSubscriptionType":"PRO"}}""")]
    public void Reading_a_row_straight_from_json_gives_the_row_flattening_gives(string json)
    {
        var naming = new ColumnNaming(("workspacesettings__", ""));
        var columns = new HashSet<string> { "id", "hourlyrate__amount", "costrate", "tagids", "featuresubscriptiontype", "round__minutes" };
        var flattened = naming.Flatten(Json(json), columns);

        using var reader = TapJson.CreateReader(new StringReader(json));
        reader.Read();
        var read = naming.ReadRow(reader, columns);

        Assert.Equal(flattened.Keys.Order(), read.Keys.Order());
        Assert.All(flattened, pair => Assert.True(JToken.DeepEquals(pair.Value, read[pair.Key]), pair.Key));
    }
}

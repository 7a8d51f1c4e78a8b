using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer;

public class RecordConformerTests
{
    private static readonly JObject Schema = (JObject)TapJson.Parse("""
    {"type":"object","properties":{
      "id":{"type":"string"},
      "minutes":{"type":["null","number"]},
      "costrate":{"type":["null","string"]},
      "start":{"type":["null","string"],"format":"date-time"},
      "flag":{"type":["null","boolean"]},
      "ids":{"type":["null","array"],"items":{"type":"string"}},
      "missing":{"type":["null","string"]}
    }}
    """);

    /// <summary>The conformed record as a JSON object, columns in the order they would be written.</summary>
    private static JObject Conform(string row, params string[] selected)
    {
        var layout = RowLayout.Of(Schema);
        var conformer = new RecordConformer(Schema, (selected.Length == 0 ? layout.Columns : selected).ToHashSet(), layout);
        var source = new Row(layout);
        foreach (var property in ((JObject)TapJson.Parse(row)).Properties()) source[property.Name] = JsonFragment.FromToken(property.Value);
        var values = new JsonFragment[conformer.Names.Count];
        conformer.Conform(source, values);
        return new JObject(conformer.Names.Select((name, i) => new JProperty(name, values[i].ToToken())));
    }

    [Fact]
    public void Numeric_text_becomes_a_number_and_keeps_its_exact_value()
    {
        Assert.Equal(JTokenType.Integer, Conform("""{"minutes":"15"}""")["minutes"]!.Type);
        Assert.Equal("15", Conform("""{"minutes":"15"}""")["minutes"]!.ToString());
        Assert.Equal(0.1m, (decimal)Conform("""{"minutes":0.1}""")["minutes"]!);
    }

    [Fact]
    public void A_value_already_of_its_column_type_is_written_as_the_text_it_was_read_from()
    {
        var layout = RowLayout.Of(Schema);
        var conformer = new RecordConformer(Schema, layout.Columns.ToHashSet(), layout);
        var row = new Row(layout)
        {
            ["minutes"] = new JsonFragment("10.50"u8.ToArray(), System.Text.Json.JsonValueKind.Number),
            ["id"] = new JsonFragment("\"caf\\u00e9\""u8.ToArray(), System.Text.Json.JsonValueKind.String),
        };

        var values = new JsonFragment[conformer.Names.Count];
        conformer.Conform(row, values);

        Assert.Equal("10.50", values[conformer.Names.ToList().IndexOf("minutes")].ToString());
        Assert.Equal("\"caf\\u00e9\"", values[conformer.Names.ToList().IndexOf("id")].ToString());
    }

    [Fact]
    public void Objects_in_a_text_column_become_compact_json_text()
    {
        Assert.Equal("""{"amount":4000,"currency":"USD"}""", Conform("""{"costrate":{"amount":4000,"currency":"USD"}}""")["costrate"]!.ToString());
    }

    [Theory]
    [InlineData("2026-05-20T06:00:00Z", "2026-05-20T06:00:00Z")]
    [InlineData("2026-05-20T08:00:00+02:00", "2026-05-20T06:00:00Z")]
    [InlineData("2026-05-20T03:55:54.071Z", "2026-05-20T03:55:54.071Z")]
    [InlineData("2026-05-20T06:00:00", "2026-05-20T06:00:00Z")]
    public void Timestamps_are_rfc3339_in_utc(string given, string expected)
    {
        Assert.Equal(expected, Conform($$"""{"start":"{{given}}"}""")["start"]!.ToString());
    }

    [Fact]
    public void Every_selected_column_is_present_missing_ones_null_and_unknown_fields_dropped()
    {
        var record = Conform("""{"id":"x","unknown":1,"ids":["a"]}""", "id", "ids", "missing");

        Assert.Equal(["id", "ids", "missing"], record.Properties().Select(p => p.Name));
        Assert.Equal(JTokenType.Null, record["missing"]!.Type);
        Assert.Equal(JTokenType.Array, record["ids"]!.Type);
    }

    [Fact]
    public void Empty_text_in_a_time_number_or_flag_column_is_null()
    {
        var record = Conform("""{"start":"","minutes":" ","flag":""}""");
        Assert.All(new[] { "start", "minutes", "flag" }, column => Assert.Equal(JTokenType.Null, record[column]!.Type));
    }

    [Fact]
    public void A_value_that_cannot_take_the_column_type_names_the_column()
    {
        var error = Assert.Throws<FormatException>(() => Conform("""{"minutes":"soon"}"""));
        Assert.Contains("minutes", error.Message);
    }
}

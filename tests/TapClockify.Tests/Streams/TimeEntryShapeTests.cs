using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;
using TapClockify.Streams.TimeEntries;
using Xunit;

namespace TapClockify.Tests.Streams;

public class TimeEntryShapeTests
{
    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(28800, "PT8H")]
    [InlineData(5400, "PT1H30M")]
    [InlineData(90061, "PT25H1M1S")]
    [InlineData(59, "PT59S")]
    [InlineData(-3661, "-PT1H1M1S")]
    public void Report_seconds_become_the_core_apis_iso_durations(long seconds, string expected)
    {
        Assert.Equal(expected, IsoDuration.FromSeconds(seconds));
    }

    /// <summary>A report item as the time_entries row the detailed-report source gives.</summary>
    private static Row ReportRow(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var shape = new ReportEntryShape(new TimeEntriesStream().Layout);
        var entry = shape.Items.Read(bytes, JsonScanner.SkipWhitespace(bytes, 0), out _, null);
        shape.SetWorkspaceId(entry, JsonFragment.FromString("ws1"));
        return entry;
    }

    [Fact]
    public void A_report_item_takes_the_per_user_endpoints_shape()
    {
        var entry = ReportRow("""
        {"_id":"e1","description":"d","userId":"u1","billable":true,"projectId":"p1","taskId":null,
         "tags":[{"id":"t1","name":"A"},{"id":"t2","name":"B"}],
         "timeInterval":{"start":"2026-05-20T06:00:00Z","end":"2026-05-20T14:00:00Z","duration":28800},
         "isLocked":false,"rate":10500.0,"costRate":4050.5,"currency":"USD","userName":"dropped"}
        """);

        Assert.Equal("e1", entry["id"].GetString());
        Assert.Equal("ws1", entry["workspaceid"].GetString());
        Assert.Equal("""["t1","t2"]""", entry["tagids"].ToString());
        Assert.Equal("2026-05-20T14:00:00Z", entry["timeinterval_end"].GetString());
        Assert.Equal("PT8H", entry["timeinterval__duration"].GetString());
        Assert.Equal("10500", entry["hourlyrate__amount"].ToString());
        Assert.Equal("4050.5", entry["costrate__amount"].ToString());
        Assert.Equal("USD", entry["costrate__currency"].GetString());
        Assert.Equal("false", entry["islocked"].ToString());
        Assert.Equal(JsonValueKind.Null, entry["taskid"].Kind);
    }

    [Fact]
    public void A_report_item_without_tags_or_end_gives_null_tag_ids_and_duration()
    {
        var entry = ReportRow("""{"_id":"e2","tags":[],"customFields":[ ],"timeInterval":{"start":"2026-05-20T06:00:00Z","end":null,"duration":0}}""");

        Assert.Equal(JsonValueKind.Null, entry["tagids"].Kind);
        Assert.Equal("[]", entry["customfieldvalues"].ToString());
        Assert.Equal(JsonValueKind.Null, entry["timeinterval__duration"].Kind);
        Assert.True(new TimeEntriesStream().IsRunning(entry));
    }

    [Fact]
    public void Report_custom_fields_and_rate_objects_take_the_per_user_shape_too()
    {
        var entry = ReportRow("""
        {"id":"e3","locked":true,"hourlyRate":{"amount":2500,"currency":"EUR"},
         "customFields":[{"customFieldId":"c1","value":"x","name":"N","type":"TXT"}]}
        """);

        Assert.Equal("e3", entry["id"].GetString());
        Assert.Equal("true", entry["islocked"].ToString());
        Assert.Equal("2500", entry["hourlyrate__amount"].ToString());
        Assert.Equal("EUR", entry["hourlyrate__currency"].GetString());
        Assert.Equal("""[{"customFieldId":"c1","timeEntryId":"e3","value":"x","name":"N","type":"TXT"}]""", entry["customfieldvalues"].ToString());
        Assert.True(entry["costrate__amount"].IsAbsent);
    }

    [Fact]
    public void A_report_item_is_read_by_the_naming_rule_in_any_order_and_case_with_a_null_never_replacing_a_value()
    {
        var entry = ReportRow("""
        {"userName":"dropped","TimeInterval":{"END":"2026-05-20T07:30:00Z","duration":5400.0,"Start":"2026-05-20T06:00:00Z"},
         "description":"first","description":"second","projectId":null,"projectId":"p1","ID":"e4",
         "tags":[ 3, {"name":"A","\u0069d":"t1"}, {}, {"Id":"not an id"} ],"rate":-0.00,"currency":"EUR"}
        """);

        Assert.Equal("e4", entry["id"].GetString());
        Assert.Equal("first", entry["description"].GetString());
        Assert.Equal("p1", entry["projectid"].GetString());
        Assert.Equal("2026-05-20T06:00:00Z", entry["timeinterval_start"].GetString());
        Assert.Equal("PT1H30M", entry["timeinterval__duration"].GetString());
        Assert.Equal("""["t1"]""", entry["tagids"].ToString());
        Assert.Equal("0", entry["hourlyrate__amount"].ToString());
        Assert.Equal("EUR", entry["hourlyrate__currency"].GetString());
        Assert.Equal(JsonValueKind.Null, entry["customfieldvalues"].Kind);
    }

    [Fact]
    public void A_report_item_that_is_not_json_is_refused_naming_the_byte()
    {
        var error = Assert.Throws<JsonException>(() => ReportRow("""{"_id":"e5","tags":[{"id":"t1",}]}"""));
        Assert.Contains("byte", error.Message);
    }

    [Fact]
    public void Tag_rows_are_one_per_distinct_tag_and_none_for_null_tag_ids()
    {
        var entries = new TimeEntriesStream();
        var context = new TapClockify.Streams.PartitionContext("ws1");
        TapClockify.Singer.Sync.Row Row(string json) => entries.ToRows((JObject)TapJson.Parse(json), context).Single();

        // Each row is read before the next is asked for, as the sync writes them.
        var tagRows = new TimeEntriesTagsStream().RowsFor(Row("""{"id":"e","tagIds":["a","b","a"]}"""))
            .Select(r => (Entry: r["timeentry_id"].GetString(), Tag: r["tag_id"].GetString())).ToList();
        Assert.Equal([("e", "a"), ("e", "b")], tagRows);
        Assert.Empty(new TimeEntriesTagsStream().RowsFor(Row("""{"id":"e","tagIds":null}""")));
    }
}

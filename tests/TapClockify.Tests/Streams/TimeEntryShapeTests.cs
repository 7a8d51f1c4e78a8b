using Newtonsoft.Json.Linq;
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
    public void Report_seconds_become_the_core_apis_iso_durations(long seconds, string expected)
    {
        Assert.Equal(expected, IsoDuration.FromSeconds(seconds));
    }

    [Fact]
    public void A_report_item_takes_the_per_user_endpoints_shape()
    {
        var item = (JObject)TapJson.Parse("""
        {"_id":"e1","description":"d","userId":"u1","billable":true,"projectId":"p1","taskId":null,
         "tags":[{"id":"t1","name":"A"},{"id":"t2","name":"B"}],
         "timeInterval":{"start":"2026-05-20T06:00:00Z","end":"2026-05-20T14:00:00Z","duration":28800},
         "isLocked":false,"rate":10500.0,"costRate":4000.0,"currency":"USD"}
        """);

        var entry = ReportEntryShape.ToTimeEntry(item, "ws1");

        Assert.Equal("e1", entry["id"]!.ToString());
        Assert.Equal("ws1", entry["workspaceId"]!.ToString());
        Assert.Equal(["t1", "t2"], entry["tagIds"]!.Select(t => t.ToString()));
        Assert.Equal("PT8H", entry["timeInterval"]!["duration"]!.ToString());
        Assert.Equal(JTokenType.Integer, entry["hourlyRate"]!["amount"]!.Type);
        Assert.Equal(10500, (long)entry["hourlyRate"]!["amount"]!);
        Assert.Equal("USD", entry["costRate"]!["currency"]!.ToString());
    }

    [Fact]
    public void A_report_item_without_tags_or_end_gives_null_tag_ids_and_duration()
    {
        var item = (JObject)TapJson.Parse("""{"_id":"e2","tags":[],"timeInterval":{"start":"2026-05-20T06:00:00Z","end":null,"duration":0}}""");

        var entry = ReportEntryShape.ToTimeEntry(item, "ws1");

        Assert.Equal(JTokenType.Null, entry["tagIds"]!.Type);
        Assert.Equal(JTokenType.Null, entry["timeInterval"]!["duration"]!.Type);
        Assert.True(TimeEntriesStream.IsRunning(new TimeEntriesStream().ToRows(entry, new TapClockify.Streams.PartitionContext("ws1")).Single()));
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

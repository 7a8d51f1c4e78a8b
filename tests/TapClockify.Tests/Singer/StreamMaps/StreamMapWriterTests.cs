using Newtonsoft.Json.Linq;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;
using TapClockify.Singer.StreamMaps;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Singer.StreamMaps;

public class StreamMapWriterTests
{
    /// <summary>The RECORD messages the map of <c>tags</c> makes from one record.</summary>
    private static List<JObject> Write(string streamMaps, JObject tag)
    {
        var plan = StreamMapSettings.Parse(TapJson.Parse(streamMaps), null, "config.json")
            .Plan(StreamRegistry.All, SelectionMask.All(StreamRegistry.All))["tags"];
        var columns = plan.ConformedColumns.Count;
        var output = new MemoryStream();
        using (var writer = new SingerWriter(output))
        {
            var mapWriter = new StreamMapWriter(plan, writer, columns);
            var names = ((JObject)StreamRegistry.Get("tags").Schema["properties"]!).Properties().Select(p => p.Name).ToList();
            var record = new JsonFragment[mapWriter.Width];
            for (var i = 0; i < names.Count; i++) record[i] = JsonFragment.FromToken(tag[names[i]]);
            mapWriter.Write(record, DateTimeOffset.UnixEpoch, null);
        }
        return SingerOutputLines(output).ToList();
    }

    private static IEnumerable<JObject> SingerOutputLines(MemoryStream output) =>
        System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse);

    private static readonly JObject Tag = JObject.Parse("""{"id": "t1", "name": "Urgent", "workspaceid": "w1", "archived": false}""");

    [Fact]
    public void Expressions_read_the_record_as_it_came_even_when_they_replace_each_other()
    {
        var record = Assert.Single(Write("""{"tags": {"name": "workspaceid", "workspaceid": "name", "label": "name.lower()"}}""", Tag));

        Assert.Equal("tags", record["stream"]!.ToString());
        Assert.Equal("w1", record["record"]!["name"]!.ToString());
        Assert.Equal("Urgent", record["record"]!["workspaceid"]!.ToString());
        Assert.Equal("urgent", record["record"]!["label"]!.ToString());
        Assert.Equal("t1", record["record"]!["id"]!.ToString());
    }

    [Fact]
    public void Every_stream_made_from_the_record_gets_its_own_properties_and_filter()
    {
        var records = Write("""
            {"tags": {"name": null},
             "tags_upper": {"__source__": "tags", "__else__": null, "name": "name.upper()"},
             "tags_archived": {"__source__": "tags", "__filter__": "archived"}}
            """, Tag);

        Assert.Equal(["tags", "tags_upper"], records.Select(r => r["stream"]!.ToString()));
        Assert.Null(records[0]["record"]!["name"]);
        Assert.Equal("w1", records[0]["record"]!["workspaceid"]!.ToString());
        Assert.Equal(new JObject { ["id"] = "t1", ["name"] = "URGENT" }, records[1]["record"]);
    }
}

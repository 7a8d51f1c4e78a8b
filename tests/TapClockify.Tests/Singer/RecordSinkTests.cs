using System.Text;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer;

public class RecordSinkTests
{
    private sealed class ItemsStream : ITapStream
    {
        public string Name => "items";
        public JObject Schema { get; } = JObject.Parse("""{"type":"object","properties":{"id":{"type":["null","string"]},"name":{"type":["null","string"]},"count":{"type":["null","integer"]}}}""");
        public RowLayout Layout { get; } = new(["id", "name", "count"]);
        public IReadOnlyList<string> KeyProperties => ["id"];
        public ReplicationMethod Replication => ReplicationMethod.FullTable;
        public string? ReplicationKey => null;
        public string? ParentName => null;
        public bool IsSelectedByDefault => true;
    }

    [Fact]
    public void Rows_written_together_come_out_in_their_order_with_a_row_lacking_its_key_skipped_among_them()
    {
        var stream = new ItemsStream();
        var output = new MemoryStream();
        var writer = new SingerWriter(output);
        var warnings = new List<string>();
        var sink = new RecordSink(writer, SelectionMask.All([stream]), [stream], TimeProvider.System, TableVersions.None(writer, TapState.Empty()), warnings.Add);
        var layout = stream.Layout;
        var rows = new[] { "a", null, "b", "c" }.Select(id => new Row(layout)
        {
            ["id"] = id is null ? JsonFragment.Null : JsonFragment.FromString(id),
            ["name"] = JsonFragment.FromString($"name of {id}"),
        }).ToList();

        sink.Selected("items")!.Write(rows);
        writer.Flush();

        var records = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(JObject.Parse).Where(message => (string?)message["type"] == "RECORD").ToList();
        Assert.Equal(["a", "b", "c"], records.Select(record => (string?)record["record"]!["id"]));
        Assert.Equal(["name of a", "name of b", "name of c"], records.Select(record => (string?)record["record"]!["name"]));
        Assert.Equal(1, sink.SkippedWithoutKey["items"]);
        Assert.Contains("key property id", Assert.Single(warnings));
        Assert.Equal(3, sink.Counts["items"]);
    }

    [Fact]
    public void A_value_that_cannot_take_its_type_stops_rows_written_together_after_the_whole_records_before_it()
    {
        var stream = new ItemsStream();
        var output = new MemoryStream();
        var writer = new SingerWriter(output);
        var sink = new RecordSink(writer, SelectionMask.All([stream]), [stream], TimeProvider.System, TableVersions.None(writer, TapState.Empty()), _ => { });
        var rows = new[] { ("a", JsonFragment.FromNumberText("1")), ("b", JsonFragment.FromString("many")), ("c", JsonFragment.FromNumberText("3")) }
            .Select(item => new Row(stream.Layout) { ["id"] = JsonFragment.FromString(item.Item1), ["count"] = item.Item2 }).ToList();

        var refused = Assert.Throws<FormatException>(() => sink.Selected("items")!.Write(rows));
        writer.Flush();

        Assert.Contains("stream items, record id b", refused.Message);
        Assert.Contains("cannot convert many to integer", refused.Message);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text);
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse)
            .Where(message => (string?)message["type"] == "RECORD").ToList();
        Assert.Equal(["a"], records.Select(record => (string?)record["record"]!["id"]));
    }
}

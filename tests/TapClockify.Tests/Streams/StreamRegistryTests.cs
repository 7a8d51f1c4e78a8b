using System.Text.RegularExpressions;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Streams;

public class StreamRegistryTests
{
    [Fact]
    public void Every_stream_has_a_schema_file_and_every_schema_file_a_stream()
    {
        var files = Directory.GetFiles(RepoPaths.Of("schemas"), "*.json").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(files, StreamRegistry.All.Select(s => s.Name).Order());
        Assert.Equal(files, SchemaStore.EmbeddedStreamNames().Order());
    }

    [Fact]
    public void Every_key_and_replication_key_is_a_non_null_column_of_its_schema()
    {
        foreach (var stream in StreamRegistry.All)
        {
            foreach (var key in stream.KeyProperties)
            {
                Assert.True(stream.Layout.Contains(key), $"{stream.Name}: key {key} is not in its schema");
                // A key is never null: a plain type, a string or (invoice items' order) a number.
                Assert.Contains(stream.Schema["properties"]![key]!["type"]!.ToString(), new[] { "string", "number" });
            }
            if (stream.ReplicationKey is { } replicationKey) Assert.Contains(replicationKey, stream.Layout.Columns);
        }
    }

    [Fact]
    public void The_readme_streams_table_lists_every_stream_in_sync_order_with_its_key_replication_and_feature()
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var table = readme[readme.IndexOf("| stream | key | replication | source |", StringComparison.Ordinal)..];
        var rows = table.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();

        Assert.Equal(StreamRegistry.All.Select(s => s.Name), rows.Select(r => r[1]));
        foreach (var (stream, row) in StreamRegistry.All.Zip(rows))
        {
            Assert.True(string.Join(", ", stream.KeyProperties) == row[2], $"README.md, stream {stream.Name}: key {row[2]}, the stream's is {string.Join(", ", stream.KeyProperties)}");
            var replication = stream.Replication == ReplicationMethod.FullTable ? "full table"
                : stream.ReplicationKey is { } key ? $"incremental on `{key}`" : "with its parent";
            Assert.True(replication == row[3], $"README.md, stream {stream.Name}: replication {row[3]}, the stream's is {replication}");
            var feature = Regex.Match(row[4], @"\bfeature ([A-Z_]+)") is { Success: true } named ? named.Groups[1].Value : null;
            Assert.True(stream.RequiredFeature == feature, $"README.md, stream {stream.Name}: feature {feature ?? "none"}, the stream needs {stream.RequiredFeature ?? "none"}");
        }
    }

    [Fact]
    public void Parents_come_before_their_children()
    {
        var order = StreamRegistry.All.Select(s => s.Name).ToList();
        foreach (var stream in StreamRegistry.All.Where(s => s.ParentName is not null))
        {
            Assert.True(order.IndexOf(stream.ParentName!) < order.IndexOf(stream.Name), $"{stream.Name} before its parent");
        }
    }
}

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
    public void Parents_come_before_their_children()
    {
        var order = StreamRegistry.All.Select(s => s.Name).ToList();
        foreach (var stream in StreamRegistry.All.Where(s => s.ParentName is not null))
        {
            Assert.True(order.IndexOf(stream.ParentName!) < order.IndexOf(stream.Name), $"{stream.Name} before its parent");
        }
    }
}

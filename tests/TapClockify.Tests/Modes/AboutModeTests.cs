using TapClockify.Modes;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Modes;

public class AboutModeTests
{
    [Fact]
    public void The_description_names_every_stream_in_sync_order_and_says_which_are_incremental_and_which_need_a_catalog()
    {
        var description = AboutMode.OfThisTap.Description;
        var streamList = description[description.IndexOf("Streams: ", StringComparison.Ordinal)..description.IndexOf(". Incremental", StringComparison.Ordinal)];
        var incremental = description[description.IndexOf("Incremental: ", StringComparison.Ordinal)..description.IndexOf(';')];
        var catalogOnly = description[description.IndexOf("when a catalog selects them: ", StringComparison.Ordinal)..];

        Assert.Equal(StreamRegistry.All.Select(s => s.Name), streamList["Streams: ".Length..].Split(", "));
        Assert.Equal(StreamRegistry.All.Where(s => s.Replication == ReplicationMethod.Incremental).Select(s => s.Name), incremental["Incremental: ".Length..].Split(", "));
        Assert.Equal(StreamRegistry.All.Where(s => !s.IsSelectedByDefault).Select(s => s.Name), catalogOnly["when a catalog selects them: ".Length..].TrimEnd('.').Split(", "));
    }
}

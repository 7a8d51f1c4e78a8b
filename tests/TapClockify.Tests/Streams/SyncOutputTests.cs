using System.Text;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class SyncOutputTests
{
    /// <summary>Time that moves only when the test moves it.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private static int StateLines(MemoryStream stdout) =>
        Encoding.UTF8.GetString(stdout.ToArray()).Split('\n').Count(l => l.StartsWith("{\"type\":\"STATE\""));

    [Fact]
    public void Bookmarks_moved_within_a_state_interval_of_the_last_state_wait_for_a_later_one_or_the_end()
    {
        var clock = new ManualClock();
        var stdout = new MemoryStream();
        var state = TapState.Empty();
        using var writer = new SingerWriter(stdout);
        var sink = new RecordSink(writer, SelectionMask.All(StreamRegistry.All), StreamRegistry.All, clock, TableVersions.None(writer, state), _ => { });
        var output = new SyncOutput(sink, () => writer.WriteState(state), clock);

        output.BookmarkMoved();
        output.BookmarkMoved();
        Assert.Equal(0, StateLines(stdout));

        clock.Advance(SyncOutput.StateInterval);
        output.BookmarkMoved();
        Assert.Equal(1, StateLines(stdout));

        clock.Advance(SyncOutput.StateInterval / 2);
        output.BookmarkMoved();
        Assert.Equal(1, StateLines(stdout));

        output.EmitPendingState();
        Assert.Equal(2, StateLines(stdout));
        output.EmitPendingState();
        Assert.Equal(2, StateLines(stdout));
    }
}

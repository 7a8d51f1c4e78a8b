using TapClockify.Singer.Sync;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class ClockifyStreamTests
{
    [Fact]
    public void Callers_asking_for_a_new_streams_layout_at_the_same_time_all_get_the_same_one()
    {
        // Rows and the record conformer compare layouts by reference; concurrent partitions ask first together.
        const int callers = 8;
        var stream = new ProjectsStream();
        var layouts = new RowLayout[callers];
        using var start = new Barrier(callers);

        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, i =>
        {
            start.SignalAndWait();
            layouts[i] = stream.Layout;
        });

        Assert.All(layouts, layout => Assert.Same(layouts[0], layout));
    }
}

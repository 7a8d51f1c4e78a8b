using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class ClockifyStreamTests
{
    [Fact]
    public void Threads_that_first_ask_for_a_streams_layout_at_the_same_time_all_get_the_same_one()
    {
        const int threads = 8;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var stream = new ClientsStream();
            using var start = new Barrier(threads);
            var layouts = new object[threads];
            var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                layouts[i] = stream.Layout;
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());

            Assert.All(layouts, layout => Assert.Same(stream.Layout, layout));
        }
    }
}

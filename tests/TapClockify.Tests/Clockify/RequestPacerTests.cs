using TapClockify.Clockify.Resilience;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>
/// The pacer on a clock of its own that moves only when a wait ends, by the wait plus a lateness
/// the test gives, as a real machine's timers wake late: no real time counts, so a busy machine
/// changes nothing, and the clock's time once every request has started is the sum of the waits.
/// </summary>
public class RequestPacerTests
{
    private const double PerSecond = 20;
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1 / PerSecond);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    /// <summary>Time that passes only when a timer fires: its n-th timer (from 0) ends <c>lateness(n)</c> after it was due.</summary>
    private sealed class WaitsOnlyClock(Func<int, TimeSpan> lateness) : TimeProvider
    {
        private long _now;
        private int _timers;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var due = GetTimestamp() + (dueTime + lateness(Interlocked.Increment(ref _timers) - 1)).Ticks;
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                long now;
                while ((now = Interlocked.Read(ref _now)) < due && Interlocked.CompareExchange(ref _now, due, now) != now)
                {
                }
                callback(state);
            }, null);
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>How long <paramref name="count"/> requests, all asking at once, took to be let start, on <paramref name="clock"/>.</summary>
    private static async Task<TimeSpan> SpanOfStartsAsync(TimeProvider clock, int count)
    {
        using var pacer = new RequestPacer(PerSecond, clock);
        var origin = clock.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => pacer.WaitTurnAsync(CancellationToken.None))));
        return clock.GetElapsedTime(origin);
    }

    [Fact]
    public async Task Timers_that_wake_late_do_not_slow_the_pace()
    {
        // Every wait ends 10 ms late. Paced from each actual start, 41 requests would take 40 x 60 ms;
        // on an even grid, 40 spacings of 50 ms and the last one's lateness.
        var late = TimeSpan.FromMilliseconds(10);
        var span = await SpanOfStartsAsync(new WaitsOnlyClock(_ => late), 41);

        Assert.True(span >= 40 * Spacing, $"41 requests went out over {span.TotalMilliseconds:0.##} ms, faster than the rate");
        Assert.True(span <= 40 * Spacing + late + Tick, $"41 requests went out over {span.TotalMilliseconds:0.##} ms, as if each late wait set the next back");
    }

    [Fact]
    public async Task A_start_far_behind_its_slot_is_not_made_up_by_bunching_the_next()
    {
        // The fifth wait ends 300 ms (six spacings) late. A grid that kept its slots would let the six
        // requests behind it out at once; instead the grid moves to that start, less the share of a
        // spacing forgiven, and the six follow a spacing apart.
        var late = TimeSpan.FromMilliseconds(300);
        var span = await SpanOfStartsAsync(new WaitsOnlyClock(n => n == 4 ? late : TimeSpan.Zero), 12);

        var expected = 11 * Spacing + late - RequestPacer.LatenessForgiven * Spacing;
        Assert.True(span >= expected - Tick, $"12 requests went out over {span.TotalMilliseconds:0.##} ms: the late wait was made up");
        // Waits are whole milliseconds, rounded up: the first after the move ends half a millisecond past its slot.
        Assert.True(span <= expected + TimeSpan.FromMilliseconds(1), $"12 requests went out over {span.TotalMilliseconds:0.##} ms, not {expected.TotalMilliseconds:0.##}");
    }
}

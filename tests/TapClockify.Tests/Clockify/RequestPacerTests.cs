using TapClockify.Clockify.Resilience;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>
/// The pacer on a <see cref="FastForwardClock"/> whose timers the tests make wake late, as a real
/// machine's do: waits end when due plus the lateness, in the clock's time, so nothing sleeps.
/// </summary>
public class RequestPacerTests
{
    private const double PerSecond = 20;
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1 / PerSecond);

    /// <summary>A <see cref="FastForwardClock"/> whose n-th timer (from 0) ends <c>lateness(n)</c> after it was due.</summary>
    private sealed class LateTimersClock(Func<int, TimeSpan> lateness) : TimeProvider
    {
        private readonly FastForwardClock _clock = new();
        private int _timers;

        public override long GetTimestamp() => _clock.GetTimestamp();

        public override long TimestampFrequency => _clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            _clock.CreateTimer(callback, state, dueTime + lateness(Interlocked.Increment(ref _timers) - 1), period);
    }

    /// <summary>When each of <paramref name="count"/> requests, all asking at once, was let start.</summary>
    private static async Task<List<TimeSpan>> StartsAsync(TimeProvider clock, int count)
    {
        using var pacer = new RequestPacer(PerSecond, clock);
        var origin = clock.GetTimestamp();
        var starts = new List<TimeSpan>();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await pacer.WaitTurnAsync(CancellationToken.None);
            var at = clock.GetElapsedTime(origin);
            lock (starts) starts.Add(at);
        })));
        starts.Sort();
        return starts;
    }

    [Fact]
    public async Task Timers_that_wake_late_do_not_slow_the_pace()
    {
        // Every wait ends 10 ms late. Paced from each actual start, 41 requests would span 40 x 60 ms;
        // on an even grid they span 40 spacings of 50 ms plus one lateness.
        var late = TimeSpan.FromMilliseconds(10);
        var starts = await StartsAsync(new LateTimersClock(_ => late), 41);

        var span = starts[^1] - starts[0];
        Assert.True(span >= 40 * Spacing - TimeSpan.FromMilliseconds(0.01), $"41 requests went out over {span.TotalMilliseconds:0} ms");
        Assert.True(span < 40 * (Spacing + late / 2), $"41 requests went out over {span.TotalMilliseconds:0} ms, as if each late wait set the next back");
    }

    [Fact]
    public async Task A_start_far_behind_its_slot_is_not_made_up_by_bunching_the_next()
    {
        // The fifth wait ends 300 ms late: six spacings. A grid that kept its slots would let the
        // requests behind it out back to back; no two may start closer than the spacing less the
        // share of lateness forgiven.
        var late = TimeSpan.FromMilliseconds(300);
        var starts = await StartsAsync(new LateTimersClock(n => n == 4 ? late : TimeSpan.Zero), 12);

        var closest = starts.Zip(starts.Skip(1), (a, b) => b - a).Min();
        Assert.True(closest >= (1 - RequestPacer.LatenessForgiven) * Spacing - TimeSpan.FromMilliseconds(0.01), $"two requests started {closest.TotalMilliseconds:0.0} ms apart");
        var span = starts[^1] - starts[0];
        Assert.True(span >= 11 * Spacing + late - RequestPacer.LatenessForgiven * Spacing - TimeSpan.FromMilliseconds(0.01),
            $"12 requests went out over {span.TotalMilliseconds:0} ms: the late wait was made up");
    }
}

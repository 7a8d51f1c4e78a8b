using Microsoft.Extensions.Time.Testing;
using TapClockify.Clockify.Resilience;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>
/// The pacer on a fake clock that moves only when a test moves it: each wait the pacer starts is
/// ended by moving the clock to its due time plus a chosen lateness, as a late timer would end it.
/// Nothing else moves the clock, so every start time is exact whatever the machine's load.
/// </summary>
public class RequestPacerTests
{
    private readonly FakeTimeProvider _clock = new();

    /// <summary>The fake clock as the pacer sees it, noting the due time of the wait it starts.</summary>
    private sealed class DueTimes(FakeTimeProvider clock) : TimeProvider
    {
        public TimeSpan LastDue { get; private set; }

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            LastDue = dueTime;
            return clock.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Starts <paramref name="count"/> requests one after another, each wait ending <paramref name="lateness"/> past due; returns the starts.</summary>
    private async Task<List<long>> StartsAsync(RequestPacer pacer, DueTimes dueTimes, int count, Func<TimeSpan> lateness)
    {
        var starts = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var turn = pacer.WaitTurnAsync(CancellationToken.None);
            // An unfinished turn has started its wait already.
            if (!turn.IsCompleted) _clock.Advance(dueTimes.LastDue + lateness());
            await turn;
            starts.Add(_clock.GetTimestamp());
        }
        return starts;
    }

    [Fact]
    public async Task Timers_that_wake_a_little_late_do_not_slow_the_pace()
    {
        // Each wait ends 3 ms late. Spaced from the previous start, 30 requests lose 29 x 3 ms and
        // more; on a grid, only the last one's lateness shows (and under a millisecond of rounding).
        var dueTimes = new DueTimes(_clock);
        using var pacer = new RequestPacer(19, dueTimes);

        var starts = await StartsAsync(pacer, dueTimes, 30, () => TimeSpan.FromMilliseconds(3));

        var spread = _clock.GetElapsedTime(starts[0], starts[^1]);
        var due = 29 * TimeSpan.FromSeconds(1 / 19.0);
        Assert.True(spread >= due && spread <= due + TimeSpan.FromMilliseconds(3 + 1), $"30 requests went out over {spread.TotalMilliseconds:0.0} ms, due {due.TotalMilliseconds:0.0}");
    }

    [Fact]
    public async Task However_late_timers_wake_no_second_holds_more_starts_than_the_pace_allows()
    {
        // Lateness from none to four times the tolerance: starts either keep the grid or begin a new
        // one. After an idle spell, the grid's slots are long past: none of them may be used up at once.
        var random = new Random(7);
        var dueTimes = new DueTimes(_clock);
        using var pacer = new RequestPacer(19, dueTimes);
        TimeSpan Lateness() => TimeSpan.FromMilliseconds(random.Next(0, 20));

        var starts = await StartsAsync(pacer, dueTimes, 40, Lateness);
        _clock.Advance(TimeSpan.FromSeconds(3));
        starts.AddRange(await StartsAsync(pacer, dueTimes, 40, Lateness));

        var most = (int)Math.Ceiling((1 + RequestPacer.GridTolerance.TotalSeconds) * 19);
        for (var first = 0; first < starts.Count; first++)
        {
            var inSecond = starts.Skip(first).TakeWhile(t => _clock.GetElapsedTime(starts[first], t) < TimeSpan.FromSeconds(1)).Count();
            Assert.True(inSecond <= most, $"{inSecond} requests started within a second of start {first}; at most {most} may");
        }
    }

    [Fact]
    public async Task A_refusal_slows_the_pace_by_a_twentieth_at_most_once_a_second_and_never_below_half()
    {
        var dueTimes = new DueTimes(_clock);
        using var pacer = new RequestPacer(20, dueTimes);

        Assert.Equal(19, pacer.SlowDown()!.Value, 3);
        // Refusals together are one: they tell of one bunch of arrivals.
        Assert.Null(pacer.SlowDown());
        var starts = await StartsAsync(pacer, dueTimes, 11, () => TimeSpan.Zero);
        var spread = _clock.GetElapsedTime(starts[0], starts[^1]);
        Assert.InRange(spread.TotalMilliseconds, 10_000 / 19.0, 10_000 / 19.0 + 1);

        var paces = new List<double>();
        for (var second = 0; second < 30; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            if (pacer.SlowDown() is { } pace) paces.Add(pace);
        }
        Assert.Equal(10, paces[^1], 3);
        Assert.True(paces.Count is > 5 and < 30, $"the pace fell {paces.Count} times");
    }
}

using System.Diagnostics;

namespace TapClockify.Tests.Support;

/// <summary>
/// Real time, except that a short wait ends at once and moves the clock on by its length: the tap's
/// pacing gaps, backoffs and Retry-After waits, and the emulator's latency and rate-limit window when
/// it is given the same clock. A wait never ends before its length in this clock's time, and the
/// clock never runs slower than real time.
/// </summary>
/// <remarks>
/// Made for runs over real loopback HTTP: no one can tell when every request in flight is done, so a
/// fake clock that the test moves on would either stall a run or time its attempts out early. A timer
/// longer than <see cref="LongestSkippedWait"/>, such as the attempt timeout (120 s by default), and a
/// repeating timer (progress reports) run in real time: a skip can end a wait, never an attempt.
/// </remarks>
public sealed class FastForwardClock : TimeProvider
{
    public static readonly TimeSpan LongestSkippedWait = TimeSpan.FromSeconds(10);

    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private long _skippedTicks;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() + Volatile.Read(ref _skippedTicks);

    public override DateTimeOffset GetUtcNow() => _startTime + Stopwatch.GetElapsedTime(_startTimestamp, GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new SkippingTimer(this, callback, state, dueTime, period);

    /// <summary>Moves the clock on to <paramref name="timestamp"/>, unless it is there already.</summary>
    private void MoveTo(long timestamp)
    {
        while (true)
        {
            var skipped = Volatile.Read(ref _skippedTicks);
            var needed = timestamp - Stopwatch.GetTimestamp();
            if (needed <= skipped || Interlocked.CompareExchange(ref _skippedTicks, needed, skipped) == skipped) return;
        }
    }

    private sealed class SkippingTimer : ITimer
    {
        private readonly FastForwardClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _realTimer;
        private readonly Lock _gate = new();
        // Each Change starts a new schedule; a skip queued for an older one does nothing.
        private long _schedule;
        private bool _disposed;

        public SkippingTimer(FastForwardClock clock, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _realTimer = System.CreateTimer(static timer => ((SkippingTimer)timer!)._callback(((SkippingTimer)timer)._state), this,
                Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed) return false;
                var schedule = ++_schedule;
                if (period != Timeout.InfiniteTimeSpan || dueTime == Timeout.InfiniteTimeSpan || dueTime > LongestSkippedWait)
                {
                    return _realTimer.Change(dueTime, period);
                }
                _realTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                var due = _clock.GetTimestamp() + (long)Math.Ceiling(dueTime.TotalSeconds * Stopwatch.Frequency);
                ThreadPool.UnsafeQueueUserWorkItem(_ => Skip(schedule, due), null);
                return true;
            }
        }

        private void Skip(long schedule, long due)
        {
            lock (_gate)
            {
                if (_disposed || schedule != _schedule) return;
            }
            _clock.MoveTo(due);
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate) _disposed = true;
            _realTimer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

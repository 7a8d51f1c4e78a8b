namespace TapClockify.Clockify.Resilience;

/// <summary>
/// Lets requests start 1/rate apart, each on the next slot of an even grid: a timer that wakes a
/// little late (rounded up to whole milliseconds, then whenever the machine gets to it) does not
/// push back every start after it, which cost a tenth of the rate. Nothing is saved up for a burst:
/// after a pause the grid starts again from now. A start later than its slot by more than
/// <see cref="LatenessForgiven"/> of the spacing (a busy machine) is not made up either: the grid
/// moves to it, less that much, so no two starts come closer than three quarters of the spacing, and
/// no second holds more than 1 + (1 s + a quarter spacing) x rate of them.
/// </summary>
public sealed class RequestPacer(double perSecond, TimeProvider clock) : IDisposable
{
    /// <summary>The share of the spacing a late start may be made up by the next.</summary>
    public const double LatenessForgiven = 0.25;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly long _spacing = (long)Math.Ceiling(clock.TimestampFrequency / perSecond);
    private long? _lastSlot;

    /// <summary>Returns when the caller may start its request.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetTimestamp();
            var slot = _lastSlot is { } last && last + _spacing > now ? last + _spacing : now;
            if (slot > now)
            {
                // Task.Delay counts whole milliseconds and drops the rest: rounded up, the wait is never short.
                var wait = clock.GetElapsedTime(now, slot);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, cancellationToken);
            }
            _lastSlot = Math.Max(slot, clock.GetTimestamp() - (long)(_spacing * LatenessForgiven));
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}

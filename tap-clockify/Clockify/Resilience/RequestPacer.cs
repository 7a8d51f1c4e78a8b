namespace TapClockify.Clockify.Resilience;

/// <summary>
/// Lets requests start on a grid 1/rate apart. A start that a timer or a busy machine made late by
/// up to <see cref="GridTolerance"/> keeps the grid, so that lateness is not added to every spacing
/// (timers wake a millisecond or more past due: kept, it cost a tenth of the rate). A later start,
/// or the first after an idle spell, begins a new grid there: nothing is saved up for a burst, and
/// no second ever holds more than (1 s + GridTolerance) x rate starts, rounded up.
/// </summary>
public sealed class RequestPacer(double perSecond, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan GridTolerance = TimeSpan.FromMilliseconds(5);

    /// <summary>What <see cref="SlowDown"/> multiplies the pace by.</summary>
    public const double SlowerAfterRefusal = 0.95;

    /// <summary>The share of the starting pace that <see cref="SlowDown"/> never goes below.</summary>
    public const double SlowestShare = 0.5;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly long _slowestSpacing = (long)(clock.TimestampFrequency / (perSecond * SlowestShare));
    private readonly long _tolerance = (long)(clock.TimestampFrequency * GridTolerance.TotalSeconds);
    private readonly Lock _slowing = new();
    private long _spacing = (long)(clock.TimestampFrequency / perSecond);
    private long? _lastSlowDown;
    private long? _nextSlot;

    /// <summary>Returns when the caller may start its request.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_nextSlot is { } slot && clock.GetElapsedTime(clock.GetTimestamp(), slot) is var wait && wait > TimeSpan.Zero)
            {
                // Task.Delay counts whole milliseconds and drops the rest: rounded up, the wait is never short.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, cancellationToken);
            }
            var start = clock.GetTimestamp();
            _nextSlot = (_nextSlot is { } planned ? Math.Max(planned, start - _tolerance) : start) + Volatile.Read(ref _spacing);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Lowers the pace by a twentieth, at most once a second and never below half the starting pace:
    /// a 429 at this pace says requests reach the server closer together than they left here (the
    /// network, a busy machine), more than the pacing margin allows for.
    /// </summary>
    /// <returns>The requests per second from now on, or null when the pace stays as it was.</returns>
    public double? SlowDown()
    {
        lock (_slowing)
        {
            var now = clock.GetTimestamp();
            var spacing = _spacing;
            if (spacing >= _slowestSpacing || (_lastSlowDown is { } last && clock.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))) return null;
            _lastSlowDown = now;
            spacing = Math.Min(_slowestSpacing, (long)(spacing / SlowerAfterRefusal));
            Volatile.Write(ref _spacing, spacing);
            return (double)clock.TimestampFrequency / spacing;
        }
    }

    public void Dispose() => _turn.Dispose();
}

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

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly long _spacing = (long)(clock.TimestampFrequency / perSecond);
    private readonly long _tolerance = (long)(clock.TimestampFrequency * GridTolerance.TotalSeconds);
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
            _nextSlot = (_nextSlot is { } planned ? Math.Max(planned, start - _tolerance) : start) + _spacing;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}

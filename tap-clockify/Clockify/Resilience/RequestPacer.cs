namespace TapClockify.Clockify.Resilience;

/// <summary>
/// Lets requests start at least 1/rate apart, measured from when the previous one actually started:
/// nothing is saved up for a burst, and a start a busy machine delayed does not let the next follow
/// early (a timer-fed token bucket releases the ticks it fell behind on together).
/// </summary>
public sealed class RequestPacer(double perSecond, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1 / perSecond);
    private long? _lastStart;

    /// <summary>Returns when the caller may start its request.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_lastStart is { } last && _spacing - clock.GetElapsedTime(last) is var wait && wait > TimeSpan.Zero)
            {
                // Task.Delay counts whole milliseconds and drops the rest: rounded up, the wait is never short.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, cancellationToken);
            }
            _lastStart = clock.GetTimestamp();
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}

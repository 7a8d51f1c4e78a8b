namespace Clockify.Emulator;

/// <summary>Admits at most N requests in any sliding one-second window (Clockify answers the rest
/// 429 "Too many requests", NOTES §3). Rejected requests do not use up the window.</summary>
internal sealed class SlidingWindowRateLimiter
{
    private readonly Queue<long> admitted = new();
    private readonly Lock gate = new();

    public bool TryAdmit(int limitPerSecond, TimeProvider clock)
    {
        var now = clock.GetTimestamp();
        lock (gate)
        {
            while (admitted.Count > 0 && clock.GetElapsedTime(admitted.Peek(), now) >= TimeSpan.FromSeconds(1)) admitted.Dequeue();
            if (admitted.Count >= limitPerSecond) return false;
            admitted.Enqueue(now);
            return true;
        }
    }
}

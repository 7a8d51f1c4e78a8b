namespace Clockify.Emulator;

/// <summary>
/// Limits and injected faults. Mutable while the emulator runs; every property is read once per
/// request, so a change applies from the next request on.
/// </summary>
public sealed class EmulatorOptions
{
    private readonly Lock gate = new();
    private int? faultSeed = 12345;
    private Random random = new(12345);

    /// <summary>At most this many requests are served in any sliding 1-second window; the rest get
    /// 429 "Too many requests" (NOTES §3). Null: unlimited.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>Delay added before every response.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// The clock of the rate limit's window and of <see cref="Latency"/>: the server's own time, not
    /// the data's "now" (<see cref="EmulatorDataset.Clock"/>). A test may give the tap and the
    /// emulator one clock, so that time skipped for one is skipped for the other.
    /// </summary>
    public TimeProvider ServerClock { get; set; } = TimeProvider.System;

    /// <summary>Fraction of requests answered 429 without Retry-After (Clockify documents none, NOTES §3).</summary>
    public double TooManyRequestsFraction { get; set; }

    /// <summary>Fraction of requests answered 429 with <c>Retry-After: 1</c>.</summary>
    public double TooManyRequestsWithRetryAfterFraction { get; set; }

    /// <summary>Fraction answered 500, 502 and 503 in turn.</summary>
    public double ServerErrorFraction { get; set; }

    /// <summary>Fraction whose connection is aborted before any response.</summary>
    public double DropConnectionFraction { get; set; }

    /// <summary>Fraction sent with status 200 and half of the JSON body, then aborted.</summary>
    public double TruncatedBodyFraction { get; set; }

    /// <summary>Fraction sent with status 200 as a complete response whose body is the first half of
    /// the real JSON (Content-Length says so): the transfer succeeds, the JSON does not end.</summary>
    public double CutJsonFraction { get; set; }

    /// <summary>Fraction answered 200 with an error object <c>{"code":501,"message":...}</c> instead of
    /// the expected body, as some business errors are live (NOTES §2).</summary>
    public double ErrorWith200Fraction { get; set; }

    /// <summary>
    /// Requests whose path contains a key are refused with its status and a Clockify error body,
    /// for tests of one refused resource (such as one user's time entries). Drawn faults come first.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> RefusedPaths { get; } = new();

    /// <summary>
    /// The detailed report leaves running timers out, as the live report may (unverified, NOTES §5.10);
    /// the workspace's in-progress list still has them.
    /// </summary>
    public bool ReportOmitsRunningTimers { get; set; }

    /// <summary>Seed of the fault draws; setting it restarts the sequence. Each request draws once.</summary>
    public int? FaultSeed
    {
        get => faultSeed;
        set
        {
            lock (gate)
            {
                faultSeed = value;
                random = value is { } seed ? new Random(seed) : new Random();
            }
        }
    }

    /// <summary>How long after a deletion the entity-changes /deleted endpoint shows it
    /// ("approximately one minute after the deletion occurs", NOTES §7).</summary>
    public TimeSpan DeletionVisibilityDelay { get; set; } = TimeSpan.FromMinutes(1);

    internal double NextDraw()
    {
        lock (gate) return random.NextDouble();
    }
}

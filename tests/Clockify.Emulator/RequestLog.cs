using System.Diagnostics;

namespace Clockify.Emulator;

/// <summary>One request the emulator answered (or dropped).</summary>
/// <param name="Status">HTTP status sent; 0 when the connection was dropped before any response.</param>
/// <param name="ApiKey">The X-Api-Key sent, for assertions only; never log it anywhere else.</param>
/// <param name="Fault">The injected fault or limit applied (see <see cref="FaultKind"/>), or null for a normal answer.</param>
public sealed record ServedRequest(string Method, string Path, string Query, int Status, string? ApiKey, string? Fault)
{
    /// <summary>When the log recorded it (<see cref="Stopwatch.GetTimestamp"/>): for timelines of a run, such as the benchmark's.</summary>
    public long RecordedAt { get; init; }
}

/// <summary>Thread-safe record of every request served, in the order their responses started.</summary>
public sealed class RequestLog
{
    private readonly List<ServedRequest> requests = [];
    private readonly Lock gate = new();

    /// <summary>A snapshot copy.</summary>
    public IReadOnlyList<ServedRequest> All
    {
        get { lock (gate) return [.. requests]; }
    }

    public int Count
    {
        get { lock (gate) return requests.Count; }
    }

    /// <summary>Requests answered 429, whether by the rate limit or an injected fault.</summary>
    public int TooManyRequestsCount
    {
        get { lock (gate) return requests.Count(r => r.Status == 429); }
    }

    /// <summary>How many requests got each fault or limit (keys are <see cref="FaultKind"/> names).</summary>
    public IReadOnlyDictionary<string, int> FaultCounts
    {
        get
        {
            lock (gate)
            {
                return requests.Where(r => r.Fault != null).GroupBy(r => r.Fault!).ToDictionary(g => g.Key, g => g.Count());
            }
        }
    }

    public void Clear()
    {
        lock (gate) requests.Clear();
    }

    internal void Add(ServedRequest request)
    {
        var stamped = request with { RecordedAt = Stopwatch.GetTimestamp() };
        lock (gate) requests.Add(stamped);
    }
}

using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Every few seconds of a sync: one progress line (records, rate, requests) and Singer
/// record_count counters per stream for the records written since the last report.
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly RecordSink _sink;
    private readonly Func<string> _requests;
    private readonly TapLog _log;
    private readonly SingerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private readonly long _started;
    private readonly Dictionary<string, long> _reported = new();
    private readonly object _gate = new();

    /// <param name="requests">Describes the requests made so far, such as "120 requests, 2 retries".</param>
    public ProgressReporter(RecordSink sink, Func<string> requests, TapLog log, SingerMetrics metrics, TimeProvider clock, TimeSpan interval)
    {
        _clock = clock;
        _started = clock.GetTimestamp();
        _sink = sink;
        _requests = requests;
        _log = log;
        _metrics = metrics;
        _timer = clock.CreateTimer(_ => Report(), null, interval, interval);
    }

    private void Report()
    {
        lock (_gate)
        {
            var total = _sink.TotalRecords;
            var seconds = _clock.GetElapsedTime(_started).TotalSeconds;
            _log.Info($"progress: {total} records ({total / Math.Max(seconds, 0.001):0} a second), {_requests()}");
            ReportCounts();
        }
    }

    /// <summary>The counters not yet reported; called once more at the end of the sync.</summary>
    public void ReportCounts()
    {
        lock (_gate)
        {
            foreach (var (stream, count) in _sink.Counts.ToList())
            {
                var delta = count - _reported.GetValueOrDefault(stream);
                if (delta == 0) continue;
                _reported[stream] = count;
                _metrics.Counter("record_count", delta, new JObject { ["stream"] = stream });
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer;

/// <summary>Singer METRIC log lines: <c>METRIC: {"type": "timer"|"counter", "metric": ..., "value": ..., "tags": {...}}</c>.</summary>
public sealed class SingerMetrics(TapLog log)
{
    public void Timer(string metric, TimeSpan duration, JObject tags) => Write("timer", metric, new JValue(Math.Round(duration.TotalSeconds, 6)), tags);

    public void Counter(string metric, long value, JObject tags) => Write("counter", metric, new JValue(value), tags);

    private void Write(string type, string metric, JValue value, JObject tags) =>
        log.Info("METRIC: " + new JObject { ["type"] = type, ["metric"] = metric, ["value"] = value, ["tags"] = tags }.ToString(Formatting.None));
}

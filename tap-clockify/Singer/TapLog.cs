using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer;

public enum LogLevel { Debug, Info, Warning, Error }

/// <summary>
/// Log lines on stderr (stdout is the Singer stream), as text or one JSON object a line. Secrets
/// given to it are masked in every line.
/// </summary>
public sealed class TapLog(TextWriter output, LogLevel minimum, TimeProvider clock)
{
    public bool AsJson { get; set; }

    private readonly List<string> _secrets = [];
    private readonly object _gate = new();

    public LogLevel Minimum { get; set; } = minimum;

    public void AddSecret(string secret)
    {
        if (!string.IsNullOrEmpty(secret)) lock (_gate) _secrets.Add(secret);
    }

    public void Debug(string message) => Write(LogLevel.Debug, message);
    public void Info(string message) => Write(LogLevel.Info, message);
    public void Warning(string message) => Write(LogLevel.Warning, message);
    public void Error(string message) => Write(LogLevel.Error, message);

    public string Mask(string text)
    {
        lock (_gate)
        {
            foreach (var secret in _secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        }
        return text;
    }

    private void Write(LogLevel level, string message)
    {
        if (level < Minimum) return;
        var time = Timestamps.ForQuery(clock.GetUtcNow());
        var line = AsJson
            ? new JObject { ["time"] = time, ["level"] = level.ToString().ToLowerInvariant(), ["message"] = Mask(message) }.ToString(Formatting.None)
            : $"{time} {level.ToString().ToUpperInvariant(),-7} {Mask(message)}";
        lock (_gate) output.WriteLine(line);
    }
}

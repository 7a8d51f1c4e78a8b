using System.Text;

namespace TapClockify.Streams.TimeEntries;

/// <summary>Durations as the core API writes them: Java's ISO 8601 form, hours never folded into days (PT25H1M1S).</summary>
public static class IsoDuration
{
    public static string FromSeconds(long seconds)
    {
        if (seconds == 0) return "PT0S";
        var text = new StringBuilder(seconds < 0 ? "-PT" : "PT");
        var total = Math.Abs(seconds);
        var (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60);
        if (hours > 0) text.Append(hours).Append('H');
        if (minutes > 0) text.Append(minutes).Append('M');
        if (rest > 0) text.Append(rest).Append('S');
        return text.ToString();
    }
}

namespace Clockify.Emulator;

/// <summary>ISO-8601 durations as the main API prints them ("PT8H", "PT1H30M", "PT0S"; NOTES §6):
/// hours are never folded into days and zero parts are left out, like java.time.Duration.</summary>
public static class IsoDuration
{
    public static string Format(TimeSpan duration)
    {
        var totalSeconds = (long)duration.TotalSeconds;
        if (totalSeconds == 0) return "PT0S";
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds % 3600 / 60;
        var seconds = totalSeconds % 60;
        return "PT" + (hours > 0 ? $"{hours}H" : "") + (minutes > 0 ? $"{minutes}M" : "") + (seconds > 0 ? $"{seconds}S" : "");
    }
}

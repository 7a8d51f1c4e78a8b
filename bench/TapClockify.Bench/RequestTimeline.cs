using System.Diagnostics;
using System.Globalization;
using Clockify.Emulator;

namespace TapClockify.Bench;

/// <summary>
/// When the tap's requests were answered, from the emulator's log (each stamped as its response
/// started, so about the latency after it arrived): where the wall time went beyond the rate's
/// floor, as start-up, the requests' span and the tail after the last answer, and the idle gaps.
/// </summary>
public sealed class RequestTimeline(IReadOnlyList<ServedRequest> served, long tapStartedAt, TimeSpan tapWall, int rate, int latencyMs)
{
    private const double BucketSeconds = 0.25;
    private const int FirstShown = 10;
    private static CultureInfo Inv => CultureInfo.InvariantCulture;

    private double SecondsAfterStart(ServedRequest request) => Stopwatch.GetElapsedTime(tapStartedAt, request.RecordedAt).TotalSeconds;

    public void Print(TextWriter output)
    {
        if (served.Count == 0) return;
        var answered = served.Select(SecondsAfterStart).Order().ToList();
        var spacing = 1.0 / rate;
        var first = answered[0];
        var last = answered[^1];
        var wall = tapWall.TotalSeconds;
        var span = last - first;
        var paced = (answered.Count - 1) * spacing;
        var gaps = answered.Zip(answered.Skip(1), (a, b) => b - a).ToList();
        var sortedGaps = gaps.Order().ToList();
        var longGaps = gaps.Select((gap, i) => (Gap: gap, At: answered[i])).Where(g => g.Gap > 2 * spacing).ToList();

        output.WriteLine($"Timeline of the tap's requests (the emulator's log, stamped as each response started, about {latencyMs} ms after it arrived)");
        output.WriteLine($"  wall {wall:0.00} s = start-up to the first answer {first:0.00} s + answers {span:0.00} s ({answered.Count - 1} intervals x 1/rate = {paced:0.00} s) "
            + $"+ the last answer to exit {wall - last:0.00} s");
        if (sortedGaps.Count > 0)
        {
            output.WriteLine($"  between answers: median {Ms(sortedGaps[sortedGaps.Count / 2])}, p90 {Ms(sortedGaps[(int)(sortedGaps.Count * 0.9)])} "
                + $"(1/rate {Ms(spacing)}); {longGaps.Count} gaps over 2/rate, {longGaps.Sum(g => g.Gap - spacing):0.00} s beyond 1/rate"
                + (longGaps.Count == 0 ? "" : ": " + string.Join(", ", longGaps.OrderByDescending(g => g.Gap).Take(6).Select(g => $"{Ms(g.Gap)} at {g.At:0.00} s"))));
        }
        var (most, from) = MostInOneSecond(answered);
        output.WriteLine($"  most answers in any one second: {most}, from {from:0.00} s (the emulator admits {rate} in any second, counting each as it arrives)");
        var ordered = served.OrderBy(r => r.RecordedAt).ToList();
        output.WriteLine("  the first answers: " + string.Join(", ", ordered.Take(FirstShown).Select(r => $"{SecondsAfterStart(r):0.00} s {ShortPath(r.Path)}")));
        var buckets = new int[(int)Math.Ceiling(Math.Max(wall, last) / BucketSeconds) + 1];
        foreach (var at in answered) buckets[Math.Clamp((int)(at / BucketSeconds), 0, buckets.Length - 1)]++;
        output.WriteLine($"  answers per {BucketSeconds * 1000:0} ms from the tap's start (the rate allows {rate * BucketSeconds:0.#}): "
            + string.Join(' ', buckets.Select(b => b.ToString(Inv))));
    }

    /// <summary>The most answers in a sliding second, and when that second began.</summary>
    private static (int Most, double From) MostInOneSecond(List<double> sortedSeconds)
    {
        int most = 0, first = 0;
        var from = 0.0;
        for (var last = 0; last < sortedSeconds.Count; last++)
        {
            while (sortedSeconds[last] - sortedSeconds[first] >= 1) first++;
            if (last - first + 1 <= most) continue;
            most = last - first + 1;
            from = sortedSeconds[first];
        }
        return (most, from);
    }

    /// <summary>The path's last two segments, enough to tell a users page from a report page.</summary>
    private static string ShortPath(string path) => string.Join('/', path.TrimEnd('/').Split('/').TakeLast(2));

    private static string Ms(double seconds) => $"{seconds * 1000:0.0} ms";
}

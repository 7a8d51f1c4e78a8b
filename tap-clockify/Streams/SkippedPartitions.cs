namespace TapClockify.Streams;

/// <summary>
/// What a sync could not read and went on without: partitions the API refused, and workspaces synced
/// before that now refuse the key. Each keeps its rows and bookmarks; the run names them all at its end.
/// </summary>
public sealed class SkippedPartitions
{
    public sealed record Skip(string What, string Why);

    private readonly List<Skip> _skips = [];

    public void Add(string what, string why)
    {
        lock (_skips) _skips.Add(new Skip(what, why));
    }

    public IReadOnlyList<Skip> All
    {
        get
        {
            lock (_skips) return _skips.ToList();
        }
    }

    /// <summary>One line naming every skip, or null when nothing was skipped.</summary>
    public string? Summary()
    {
        var skips = All;
        return skips.Count == 0
            ? null
            : $"{skips.Count} skipped, their rows and bookmarks kept: " + string.Join("; ", skips.Select(s => $"{s.What} ({s.Why})"));
    }
}

using TapClockify.Singer.State;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// The span one time-entry partition reads, and the bookmark it leaves. Clockify cannot list what
/// changed since a time (NOTES §8), so each sync reads again from the bookmark less lookback_days
/// (from start_date when there is no bookmark, never before it) to the sync's start. The next
/// bookmark is the sync's start, held back to the start of any timer still running, so that entry
/// is read again once it stops.
/// </summary>
public sealed class TimeEntryWindow
{
    private readonly object _gate = new();
    private DateTimeOffset _nextBookmark;

    public TimeEntryWindow(DateTimeOffset? bookmark, DateTimeOffset? startDate, TimeSpan lookback, DateTimeOffset syncStartedAt)
    {
        var from = bookmark is { } last ? last - lookback : startDate;
        if (from is { } early && startDate is { } start && early < start) from = start;
        From = from;
        To = syncStartedAt;
        _nextBookmark = syncStartedAt;
    }

    /// <summary>The window of a partition whose bookmark the state keeps under <paramref name="bookmarkContext"/>; see <see cref="PartitionBookmarks.Read"/>.</summary>
    public static TimeEntryWindow Open(TapState state, string stream, IReadOnlyDictionary<string, string> bookmarkContext, PartitionContext partition,
        SyncOptions options, Action<string> warn) =>
        new(PartitionBookmarks.Read(state, stream, bookmarkContext, partition, options.SyncStartedAt, warn), options.StartDate, options.Lookback, options.SyncStartedAt);

    /// <summary>The earliest entry start read; null for all history.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>The sync's start: entries starting from then on are left to the next sync.</summary>
    public DateTimeOffset To { get; }

    public bool Contains(DateTimeOffset entryStart) => !(entryStart < From) && entryStart < To;

    /// <summary>A timer running since <paramref name="runningSince"/>, inside the window or not: the next bookmark may not pass it.</summary>
    public void HoldAt(DateTimeOffset runningSince)
    {
        lock (_gate)
        {
            if (runningSince < _nextBookmark) _nextBookmark = runningSince;
        }
    }

    /// <summary>The bookmark to save once every entry of the window is written.</summary>
    public DateTimeOffset NextBookmark
    {
        get
        {
            lock (_gate) return _nextBookmark;
        }
    }
}

using TapClockify.Singer.State;

namespace TapClockify.Streams;

/// <summary>A partition's bookmark read from the state as the time an incremental sync goes on from.</summary>
public static class PartitionBookmarks
{
    /// <summary>
    /// The bookmark, or null when the partition has none. One later than this sync's start (a clock
    /// ahead, a hand-edited state) would hide every row until then: it is ignored with a warning, and
    /// the partition is read as on its first sync.
    /// </summary>
    public static DateTimeOffset? Read(TapState state, string stream, IReadOnlyDictionary<string, string> bookmarkContext, PartitionContext partition,
        DateTimeOffset syncStartedAt, Action<string> warn)
    {
        var text = state.PartitionBookmark(stream, bookmarkContext);
        if (text is null) return null;
        if (!Timestamps.TryParse(text, out var bookmark))
            throw new StateFormatException($"bookmark \"{text}\" of {stream}, {partition} is not a timestamp; remove it from the state file to sync that partition from start_date");
        if (bookmark <= syncStartedAt) return bookmark;
        warn($"{stream}, {partition}: its bookmark {text} is later than this sync's start; ignored, the partition is read as on its first sync");
        return null;
    }
}

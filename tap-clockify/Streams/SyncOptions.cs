using TapClockify.Clockify;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Streams;

/// <summary>What a sync reads and how: the settings that reach the streams.</summary>
public sealed record SyncOptions(
    IReadOnlyList<string> WorkspaceIds,
    int PageSize,
    ITimeEntrySource TimeEntrySource,
    DateTimeOffset? StartDate,
    TimeSpan Lookback,
    DateTimeOffset SyncStartedAt,
    int MaxConcurrency,
    EntityChangesFeed? ChangeFeed = null);

/// <summary>A request failed while syncing a stream; the message names the stream and partition first.</summary>
public sealed class StreamSyncException(string stream, PartitionContext context, ClockifyApiException inner)
    : Exception($"stream {stream}, {context}: {inner.Message}", inner)
{
    public ClockifyApiException Failure => inner;
}

/// <summary>The state file holds a bookmark this tap cannot read.</summary>
public sealed class StateFormatException(string message) : Exception(message);

using TapClockify.Clockify;
using TapClockify.Singer.State;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>
/// One workspace's scheduling assignments: windows from its bookmark less lookback_days (or
/// start_date, or a year back, the first time) to the sync's start plus the forward horizon. An
/// assignment spanning two windows is written once. The bookmark becomes the sync's start, saved
/// once every window is written.
/// </summary>
public sealed class SchedulingAssignmentsSync(SchedulingAssignmentsStream stream, StreamListReader reader, SyncOutput output, TapState state,
    SyncOptions options, Action<string> warn)
{
    public async Task SyncPartitionAsync(PartitionContext partition, CancellationToken cancellationToken)
    {
        var bookmarkContext = new Dictionary<string, string> { ["workspace_id"] = partition.WorkspaceId };
        var bookmark = PartitionBookmarks.Read(state, stream.Name, bookmarkContext, partition, options.SyncStartedAt, warn);
        var from = bookmark is { } b ? b - options.Lookback : options.StartDate ?? options.SyncStartedAt - SchedulingAssignmentsStream.DefaultHistory;
        var to = options.SyncStartedAt + SchedulingAssignmentsStream.ForwardHorizon;

        var seenIds = new HashSet<string>();
        try
        {
            for (var start = from; start < to; start += SchedulingAssignmentsStream.Window)
            {
                var end = start + SchedulingAssignmentsStream.Window < to ? start + SchedulingAssignmentsStream.Window : to;
                await foreach (var assignment in reader.ReadAsync(stream, partition, cancellationToken, [SchedulingAssignmentsStream.WindowQuery(start, end)]))
                {
                    if (!seenIds.Add(stream.IdOf(assignment) ?? "")) continue;
                    foreach (var row in stream.ToRows(assignment, partition)) output.Write(stream.Name, row, partition);
                }
            }
        }
        catch (ClockifyApiException failure)
        {
            throw new StreamSyncException(stream.Name, partition, failure);
        }

        state.SetPartitionBookmark(stream.Name, bookmarkContext, stream.ReplicationKey, Timestamps.ForState(options.SyncStartedAt));
        output.BookmarkMoved();
    }
}

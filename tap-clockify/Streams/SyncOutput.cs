using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams;

/// <summary>
/// Where a sync's rows go: the record sink, with counts per stream and workspace for the logs. A
/// bookmark moves only when a partition is finished; a STATE goes out then, at most once every
/// <see cref="StateInterval"/>.
/// </summary>
public sealed class SyncOutput(RecordSink sink, Action emitState, TimeProvider clock)
{
    /// <summary>
    /// Targets commit what they hold at each STATE, and each STATE holds every partition's bookmark:
    /// one per finished partition cost a run of many users time and output growing with the square
    /// of their number. At most one STATE a second still leaves a crash little to read again.
    /// </summary>
    public static readonly TimeSpan StateInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Stream, string WorkspaceId), StrongBox<long>> _countsByWorkspace = new();
    private readonly object _stateGate = new();
    private long _lastStateAt = clock.GetTimestamp();
    private bool _isStatePending;

    public bool IsSelected(string stream) => sink.IsSelected(stream);

    public void Write(string stream, Row row, PartitionContext context) =>
        (For(stream, context) ?? throw new InvalidOperationException($"stream {stream} is not selected")).Write(row);

    /// <summary>
    /// Where one stream's rows of one partition go, looked up once for all of them (millions of time
    /// entries); null when the stream's records are not written.
    /// </summary>
    public PartitionRecords? For(string stream, PartitionContext context) =>
        sink.Selected(stream) is { } selected
            ? new PartitionRecords(selected, _countsByWorkspace.GetOrAdd((stream, context.WorkspaceId), _ => new StrongBox<long>()))
            : null;

    /// <summary>
    /// Call when a bookmark moved, once it covers everything written: a STATE goes out (after the
    /// records before it) when the last one is <see cref="StateInterval"/> old, else it waits for a
    /// later bookmark or <see cref="EmitPendingState"/>.
    /// </summary>
    public void BookmarkMoved()
    {
        lock (_stateGate)
        {
            _isStatePending = true;
            if (clock.GetElapsedTime(_lastStateAt) >= StateInterval) EmitPendingState();
        }
    }

    /// <summary>The STATE of bookmarks moved since the last one, if any: for a run that stops early.</summary>
    public void EmitPendingState()
    {
        lock (_stateGate)
        {
            if (!_isStatePending) return;
            emitState();
            _isStatePending = false;
            _lastStateAt = clock.GetTimestamp();
        }
    }

    public long CountIn(string stream, string workspaceId) =>
        _countsByWorkspace.TryGetValue((stream, workspaceId), out var count) ? Interlocked.Read(ref count.Value) : 0;
}

/// <summary>One stream's rows of one partition on their way to the sink, counted for the workspace's log line.</summary>
public sealed class PartitionRecords(RecordSink.SelectedStream stream, StrongBox<long> workspaceCount)
{
    public void Write(Row row)
    {
        stream.Write(row);
        Interlocked.Increment(ref workspaceCount.Value);
    }

    /// <summary>Writes the rows in order, their records added to the output together.</summary>
    public void Write(IReadOnlyList<Row> rows)
    {
        stream.Write(rows);
        Interlocked.Add(ref workspaceCount.Value, rows.Count);
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams;

/// <summary>
/// Where a sync's rows go: the record sink, with counts per stream and workspace for the logs. A
/// STATE goes out when a partition is finished, the only moment a bookmark moves.
/// </summary>
public sealed class SyncOutput(RecordSink sink, Action emitState)
{
    private readonly ConcurrentDictionary<(string Stream, string WorkspaceId), StrongBox<long>> _countsByWorkspace = new();
    private readonly object _stateGate = new();

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

    /// <summary>Call once the bookmarks cover everything written: STATE goes out after the records before it.</summary>
    public void EmitState()
    {
        lock (_stateGate) emitState();
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

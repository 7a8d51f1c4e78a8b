using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams;

/// <summary>
/// Where a sync's rows go: the record sink, with counts per stream and workspace for the logs, and
/// a STATE every few thousand records. The state only ever holds finished partitions, so it may go
/// out between any two records.
/// </summary>
public sealed class SyncOutput(RecordSink sink, Action emitState, int stateEveryRecords)
{
    private readonly ConcurrentDictionary<(string Stream, string WorkspaceId), StrongBox<long>> _countsByWorkspace = new();
    private readonly object _stateGate = new();
    private long _recordsAtLastState;

    public bool IsSelected(string stream) => sink.IsSelected(stream);

    public void Write(string stream, Row row, PartitionContext context)
    {
        sink.Write(stream, row);
        Interlocked.Increment(ref _countsByWorkspace.GetOrAdd((stream, context.WorkspaceId), _ => new StrongBox<long>()).Value);
        if (sink.TotalRecords - Interlocked.Read(ref _recordsAtLastState) < stateEveryRecords) return;
        // One thread sends the periodic STATE; the others carry on writing.
        if (!Monitor.TryEnter(_stateGate)) return;
        try
        {
            if (sink.TotalRecords - Interlocked.Read(ref _recordsAtLastState) >= stateEveryRecords) EmitState();
        }
        finally
        {
            Monitor.Exit(_stateGate);
        }
    }

    /// <summary>Call once the bookmarks cover everything written: STATE goes out after the records before it.</summary>
    public void EmitState()
    {
        lock (_stateGate)
        {
            emitState();
            Interlocked.Exchange(ref _recordsAtLastState, sink.TotalRecords);
        }
    }

    public long CountIn(string stream, string workspaceId) =>
        _countsByWorkspace.TryGetValue((stream, workspaceId), out var count) ? Interlocked.Read(ref count.Value) : 0;
}

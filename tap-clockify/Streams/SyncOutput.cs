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

    public void Write(string stream, Row row, PartitionContext context)
    {
        sink.Write(stream, row);
        Interlocked.Increment(ref _countsByWorkspace.GetOrAdd((stream, context.WorkspaceId), _ => new StrongBox<long>()).Value);
    }

    /// <summary>Call once the bookmarks cover everything written: STATE goes out after the records before it.</summary>
    public void EmitState()
    {
        lock (_stateGate) emitState();
    }

    public long CountIn(string stream, string workspaceId) =>
        _countsByWorkspace.TryGetValue((stream, workspaceId), out var count) ? Interlocked.Read(ref count.Value) : 0;
}

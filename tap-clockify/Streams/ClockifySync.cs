using System.Diagnostics;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using TapClockify.Streams.PlanFeatures;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Streams;

/// <summary>
/// Runs a sync: resolves the workspaces, then walks the stream tree of each one, a parent's
/// partition before its children's, independent partitions at the same time. A stream is fetched
/// when it or a descendant is selected. Time entries are handed to <see cref="TimeEntriesSync"/>.
/// </summary>
public sealed class ClockifySync
{
    private readonly ClockifyClient _client;
    private readonly SyncOutput _output;
    private readonly SyncOptions _options;
    private readonly Action<string> _log;
    private readonly Action<string> _warn;
    private readonly TimeEntriesStream _timeEntries = (TimeEntriesStream)StreamRegistry.Get("time_entries");
    private readonly TimeEntriesSync _timeEntriesSync;
    private readonly PartitionScheduler _scheduler;
    private readonly TableVersions _versions;
    private readonly HashSet<string> _incompleteStreams = [];
    private readonly StreamListReader _reader;
    private readonly FeatureGate _features;
    private readonly SchedulingAssignmentsSync _assignmentsSync;

    public ClockifySync(ClockifyClient client, SyncOutput output, TableVersions versions, TapState state, SyncOptions options,
        Action<string> log, Action<string> warn)
    {
        _client = client;
        _output = output;
        _versions = versions;
        _options = options;
        _log = log;
        _warn = warn;
        _scheduler = new PartitionScheduler(options.MaxConcurrency);
        _reader = new StreamListReader(client, options.PageSize);
        _features = new FeatureGate(warn);
        _assignmentsSync = new SchedulingAssignmentsSync((SchedulingAssignmentsStream)StreamRegistry.Get("scheduling_assignments"), _reader, output, state, options);
        _timeEntriesSync = new TimeEntriesSync(_timeEntries, client, output, state, options, _scheduler, log, warn);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var directory = new WorkspaceDirectory(_client, _warn);
        var workspaces = await directory.ResolveAsync(_options.WorkspaceIds, cancellationToken);

        var workspacesStream = StreamRegistry.Get("workspaces");
        await PartitionScheduler.AllAsync(workspaces.Select(workspace => (Func<CancellationToken, Task>)(token => SyncWorkspaceAsync(workspacesStream, workspace, token))), cancellationToken);

        // Only a stream read whole, in every workspace, may retire the rows its older versions wrote.
        foreach (var stream in _versions.Streams.Where(s => !_incompleteStreams.Contains(s)).ToList()) _versions.Complete(stream);
    }

    private async Task SyncWorkspaceAsync(ClockifyStream workspacesStream, WorkspaceDirectory.Workspace workspace, CancellationToken cancellationToken)
    {
        var context = workspacesStream.ChildContext(workspace.ApiObject, new PartitionContext(workspace.Id))!;
        _features.Learn(workspace.ApiObject);
        WriteWithCutChildren(workspacesStream, workspace.ApiObject, context);
        _log($"workspace {workspace.Label}: syncing");
        var work = StreamRegistry.ChildrenOf(workspacesStream)
            .Where(IsNeeded)
            .Select(child => (Func<CancellationToken, Task>)(token => Logged(child, workspace, () => SyncPartitionAsync(child, context, token))))
            .ToList();
        if (!_options.TimeEntrySource.IsPerUser && IsNeeded(_timeEntries))
        {
            work.Add(token => Logged(_timeEntries, workspace, () => _timeEntriesSync.SyncPartitionAsync(context, token)));
        }
        try
        {
            await PartitionScheduler.AllAsync(work, cancellationToken);
            // After the sweep: a deletion read now can never be overtaken by an older copy of the entry.
            if (_options.ChangeFeed is not null && IsNeeded(_timeEntries)) await _timeEntriesSync.SyncEntityChangesAsync(context, cancellationToken);
        }
        catch (StreamSyncException forbidden) when (forbidden.Failure.Status == 403 && !workspace.ExplicitlyListed)
        {
            // Its user list answered, yet a later list refused: treat it like a workspace the key cannot administer.
            _warn($"workspace {workspace.Label}: skipped the rest of it, {forbidden.Message}");
            lock (_incompleteStreams) _incompleteStreams.UnionWith(StreamRegistry.All.Select(s => s.Name));
        }
    }

    /// <summary>One line when a stream (with the streams below it) starts in a workspace, one with counts and time when it ends.</summary>
    private async Task Logged(ClockifyStream stream, WorkspaceDirectory.Workspace workspace, Func<Task> sync)
    {
        var streams = Subtree(stream).Where(s => _output.IsSelected(s.Name)).Select(s => s.Name).ToList();
        _log($"stream {stream.Name}, workspace {workspace.Label}: started");
        var started = Stopwatch.GetTimestamp();
        await sync();
        var counts = streams.Select(s => $"{s} {_output.CountIn(s, workspace.Id)}");
        _log($"stream {stream.Name}, workspace {workspace.Label}: finished in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, records: {string.Join(", ", counts)}");
    }

    private static IEnumerable<ClockifyStream> Subtree(ClockifyStream stream) =>
        new[] { stream }.Concat(StreamRegistry.ChildrenOf(stream).SelectMany(Subtree));

    private bool IsNeeded(ClockifyStream stream) =>
        _output.IsSelected(stream.Name) || StreamRegistry.ChildrenOf(stream).Any(IsNeeded);

    /// <summary>Streams with a path below this one that this sync reads per parent object.</summary>
    private List<ClockifyStream> RequestingChildren(ClockifyStream stream) =>
        StreamRegistry.ChildrenOf(stream)
            .Where(c => c.Path is not null && IsNeeded(c))
            // Time entries hang under users only when they are read per user.
            .Where(c => c != _timeEntries || _options.TimeEntrySource.IsPerUser)
            .ToList();

    private async Task SyncPartitionAsync(ClockifyStream stream, PartitionContext context, CancellationToken cancellationToken)
    {
        if (stream.Path is null || !IsNeeded(stream)) return;
        if (!_features.Allows(stream, context, Subtree(stream).Where(s => _output.IsSelected(s.Name)).Select(s => s.Name))) return;
        if (stream == _timeEntries)
        {
            await _timeEntriesSync.SyncPartitionAsync(context, cancellationToken);
            return;
        }
        if (stream is SchedulingAssignmentsStream)
        {
            await _scheduler.InSlotAsync(async () =>
            {
                await _assignmentsSync.SyncPartitionAsync(context, cancellationToken);
                return true;
            }, cancellationToken);
            return;
        }

        var requestingChildren = RequestingChildren(stream);
        var childContexts = await _scheduler.InSlotAsync(() => ReadPartitionAsync(stream, context, requestingChildren.Count > 0, cancellationToken), cancellationToken);
        await PartitionScheduler.AllAsync(
            from childContext in childContexts
            from child in requestingChildren
            select (Func<CancellationToken, Task>)(token => SyncPartitionAsync(child, childContext, token)),
            cancellationToken);
    }

    /// <summary>Reads and writes one partition of a full-table stream; returns the partitions it opens for children.</summary>
    private async Task<List<PartitionContext>> ReadPartitionAsync(ClockifyStream stream, PartitionContext context, bool opensChildren, CancellationToken cancellationToken)
    {
        var childContexts = new List<PartitionContext>();
        try
        {
            await foreach (var item in _reader.ReadAsync(stream, context, cancellationToken))
            {
                WriteWithCutChildren(stream, item, context);
                if (opensChildren && stream.ChildContext(item, context) is { } childContext) childContexts.Add(childContext);
            }
        }
        catch (ClockifyApiException forbidden) when (forbidden.Status == 403 && stream.SkippedOnForbidden is not null)
        {
            _warn($"stream {stream.Name}, {context}: skipped, {stream.SkippedOnForbidden} ({forbidden.Brief} from {forbidden.Request})");
            return [];
        }
        catch (ClockifyApiException failure)
        {
            throw new StreamSyncException(stream.Name, context, failure);
        }
        return childContexts;
    }

    private void WriteWithCutChildren(ClockifyStream stream, JObject item, PartitionContext context)
    {
        if (_output.IsSelected(stream.Name))
        {
            foreach (var row in stream.ToRows(item, context)) _output.Write(stream.Name, row, context);
        }
        foreach (var child in StreamRegistry.ChildrenOf(stream).Where(c => c.Path is null && _output.IsSelected(c.Name)))
        {
            foreach (var row in child.ToRows(item, context)) _output.Write(child.Name, row, context);
        }
    }
}

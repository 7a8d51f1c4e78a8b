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
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly Action<string> _warn;
    private readonly TimeEntriesStream _timeEntries = (TimeEntriesStream)StreamRegistry.Get("time_entries");
    private readonly TimeEntriesSync _timeEntriesSync;
    private readonly PartitionScheduler _scheduler;
    private readonly TableVersions _versions;
    private readonly TapState _state;
    // Streams (by name) not read whole in a workspace (by id): their versions must not retire that workspace's rows.
    private readonly HashSet<(string Stream, string WorkspaceId)> _incomplete = [];
    // Streams whose feature a workspace's plan lacks, and always lacked: no rows of it to keep or hold.
    private readonly HashSet<(string Stream, string WorkspaceId)> _unavailable = [];
    private readonly StreamListReader _reader;
    private readonly FeatureGate _features;
    private readonly SchedulingAssignmentsSync _assignmentsSync;

    public ClockifySync(ClockifyClient client, SyncOutput output, TableVersions versions, TapState state, SyncOptions options,
        TimeProvider clock, Action<string> log, Action<string> warn)
    {
        _clock = clock;
        _client = client;
        _output = output;
        _versions = versions;
        _state = state;
        _options = options;
        _log = log;
        _warn = warn;
        _scheduler = new PartitionScheduler(options.MaxConcurrency);
        _timeEntriesSync = new TimeEntriesSync(_timeEntries, client, output, state, options, _scheduler, clock, log, warn, Skipped);
        _reader = new StreamListReader(client, options.PageSize);
        _features = new FeatureGate(warn);
        _assignmentsSync = new SchedulingAssignmentsSync((SchedulingAssignmentsStream)StreamRegistry.Get("scheduling_assignments"), _reader, output, state, options, warn);
    }

    /// <summary>What this sync went on without.</summary>
    public SkippedPartitions Skipped { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // When the sync reads a workspace's users, the request that tests the key's rights is the first page of that read.
        var users = StreamRegistry.Get("users");
        var directory = new WorkspaceDirectory(_client,
            IsNeeded(users) ? (workspaceId, token) => _reader.KeepFirstPageAsync(users, new PartitionContext(workspaceId), token) : null, _warn);
        var (workspaces, refused) = await directory.ResolveAsync(_options.WorkspaceIds, cancellationToken);

        // A workspace synced before that now refuses the key (rights changed, a plan lapsed) keeps its rows.
        foreach (var workspace in refused.Where(w => WasSyncedBefore(w.Id)))
        {
            Skipped.Add($"workspace {workspace.Label}", "synced before, now the API key's user is not an owner or admin there");
            foreach (var stream in StreamRegistry.All) MarkIncomplete(stream, workspace.Id);
        }

        var workspacesStream = StreamRegistry.Get("workspaces");
        await PartitionScheduler.AllAsync(workspaces.Select(workspace => (Func<CancellationToken, Task>)(token => SyncWorkspaceAsync(workspacesStream, workspace, token))), cancellationToken);

        // A stream's version retires older rows only when every workspace whose rows it held was read whole.
        var readable = workspaces.Select(w => w.Id).ToList();
        foreach (var stream in _versions.Streams.ToList())
        {
            List<string> unread, unavailable;
            lock (_incomplete)
            {
                unread = _incomplete.Where(i => i.Stream == stream).Select(i => i.WorkspaceId).Distinct().ToList();
                unavailable = _unavailable.Where(i => i.Stream == stream).Select(i => i.WorkspaceId).ToList();
            }
            var wouldLose = _versions.CompleteUnlessLosing(stream, readable, unread, unavailable);
            if (wouldLose.Count > 0)
                _warn($"stream {stream}: not activated, so a target keeps the rows of workspace {string.Join(", ", wouldLose)} that this run could not read");
        }
    }

    /// <summary>The state knows rows or bookmarks of this workspace.</summary>
    private bool WasSyncedBefore(string workspaceId) =>
        _versions.Streams.Any(s => _versions.SourcesHeld(s)?.Contains(workspaceId) == true)
        || _state.HasPartitionWith(_timeEntries.Name, "workspace_id", workspaceId);

    /// <summary>
    /// A stream the workspace's plan does not offer: no loss when it never held rows of that workspace;
    /// when it did, the plan lapsed, and those rows are kept like any other skipped part's.
    /// </summary>
    private void NotAvailable(ClockifyStream stream, PartitionContext context, string why)
    {
        if (_versions.SourcesHeld(stream.Name)?.Contains(context.WorkspaceId) == true)
        {
            SkipPart(stream, context, why);
            return;
        }
        lock (_incomplete)
        {
            foreach (var part in Subtree(stream)) _unavailable.Add((part.Name, context.WorkspaceId));
        }
    }

    /// <summary>A partition not read: named at the run's end, and its workspace's rows of the stream (and below) kept.</summary>
    private void SkipPart(ClockifyStream stream, PartitionContext context, string why)
    {
        Skipped.Add($"stream {stream.Name}, {context}", why);
        MarkIncomplete(stream, context.WorkspaceId);
    }

    private void MarkIncomplete(ClockifyStream stream, string workspaceId)
    {
        lock (_incomplete)
        {
            foreach (var part in Subtree(stream)) _incomplete.Add((part.Name, workspaceId));
        }
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
        await PartitionScheduler.AllAsync(work, cancellationToken);
        // After the sweep: a deletion read now can never be overtaken by an older copy of the entry.
        if (_options.ChangeFeed is not null && IsNeeded(_timeEntries)) await _timeEntriesSync.SyncEntityChangesAsync(context, cancellationToken);
    }

    /// <summary>One line when a stream (with the streams below it) starts in a workspace, one with counts and time when it ends.</summary>
    private async Task Logged(ClockifyStream stream, WorkspaceDirectory.Workspace workspace, Func<Task> sync)
    {
        var streams = Subtree(stream).Where(s => _output.IsSelected(s.Name)).Select(s => s.Name).ToList();
        _log($"stream {stream.Name}, workspace {workspace.Label}: started");
        var started = _clock.GetTimestamp();
        await sync();
        var counts = streams.Select(s => $"{s} {_output.CountIn(s, workspace.Id)}");
        _log($"stream {stream.Name}, workspace {workspace.Label}: finished in {_clock.GetElapsedTime(started).TotalSeconds:0.0} s, records: {string.Join(", ", counts)}");
    }

    private static IEnumerable<ClockifyStream> Subtree(ClockifyStream stream) =>
        new[] { stream }.Concat(StreamRegistry.ChildrenOf(stream).SelectMany(Subtree));

    /// <summary>Selected, or read so that a selected stream below it can be.</summary>
    private bool IsNeeded(ClockifyStream stream) =>
        _output.IsSelected(stream.Name) || ChildrenReadThrough(stream).Any(IsNeeded);

    /// <summary>
    /// The streams below this one whose rows come through its objects: every child but time
    /// entries read from the detailed report, which need no user list.
    /// </summary>
    private IEnumerable<ClockifyStream> ChildrenReadThrough(ClockifyStream stream) =>
        StreamRegistry.ChildrenOf(stream).Where(c => c != _timeEntries || _options.TimeEntrySource.IsPerUser);

    /// <summary>Streams with a path below this one that this sync reads per parent object.</summary>
    private List<ClockifyStream> RequestingChildren(ClockifyStream stream) =>
        ChildrenReadThrough(stream).Where(c => c.Path is not null && IsNeeded(c)).ToList();

    private async Task SyncPartitionAsync(ClockifyStream stream, PartitionContext context, CancellationToken cancellationToken)
    {
        if (stream.Path is null || !IsNeeded(stream)) return;
        if (!_features.Allows(stream, context, Subtree(stream).Where(s => _output.IsSelected(s.Name)).Select(s => s.Name)))
        {
            NotAvailable(stream, context, "the workspace's features no longer include what it needs");
            return;
        }
        if (stream == _timeEntries)
        {
            await _timeEntriesSync.SyncPartitionAsync(context, cancellationToken);
            return;
        }
        if (stream is SchedulingAssignmentsStream)
        {
            await _scheduler.InSlotAsync(async () =>
            {
                try
                {
                    await _assignmentsSync.SyncPartitionAsync(context, cancellationToken);
                }
                catch (StreamSyncException refused) when (refused.Failure.Status == 403)
                {
                    // Incremental: its bookmark stays where it was, and the rest of the workspace is read.
                    _warn($"{refused.Message}; skipped, its bookmark stays where it was");
                    SkipPart(stream, context, refused.Failure.Brief);
                }
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
        catch (ClockifyApiException forbidden) when (forbidden.Status == 403)
        {
            // A refusal costs this partition alone (and what hangs below it); the rest of the workspace is read.
            var why = stream.SkippedOnForbidden ?? "the API key's user may not read it";
            _warn($"stream {stream.Name}, {context}: skipped, {why} ({forbidden.Brief} from {forbidden.Request})");
            if (stream.SkippedOnForbidden is not null) NotAvailable(stream, context, $"{forbidden.Brief}: {why}");
            else SkipPart(stream, context, $"{forbidden.Brief}: {why}");
            return [];
        }
        catch (ClockifyApiException gone) when (gone.Status == 404 && (context.ProjectId ?? context.UserId) is not null)
        {
            // One project's or person's resource missing (deleted since the parent list was read, say) costs only it.
            _warn($"stream {stream.Name}, {context}: skipped ({gone.Brief} from {gone.Request})");
            SkipPart(stream, context, gone.Brief);
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

using System.Collections.Concurrent;
using System.Diagnostics;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Streams;

/// <summary>
/// Runs a sync: resolves the workspaces, then walks the stream tree of each one, a parent's
/// partition before its children's. A stream is fetched when it or a descendant is selected.
/// STATE goes out after each finished incremental partition and every few thousand records, and
/// only ever holds bookmarks of partitions whose records are all written.
/// </summary>
public sealed class ClockifySync
{
    private readonly ClockifyClient _client;
    private readonly RecordSink _sink;
    private readonly TapState _state;
    private readonly SyncOptions _options;
    private readonly Action _emitState;
    private readonly Action<string> _log;
    private readonly Action<string> _warn;
    private readonly TimeEntriesStream _timeEntries = (TimeEntriesStream)StreamRegistry.Get("time_entries");
    private readonly PartitionScheduler _scheduler;
    private readonly TableVersions _versions;
    private readonly HashSet<string> _incompleteStreams = [];
    private readonly ConcurrentDictionary<(string Stream, string WorkspaceId), long> _countsByWorkspace = new();
    private readonly object _stateGate = new();
    private long _recordsAtLastState;

    public ClockifySync(ClockifyClient client, RecordSink sink, TableVersions versions, TapState state, SyncOptions options,
        Action emitState, Action<string> log, Action<string> warn)
    {
        _versions = versions;
        _scheduler = new PartitionScheduler(options.MaxConcurrency);
        _client = client;
        _sink = sink;
        _state = state;
        _options = options;
        _emitState = emitState;
        _log = log;
        _warn = warn;
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
        var context = workspacesStream.ChildContext(workspace.ApiObject, new PartitionContext(workspace.Id));
        if (_sink.IsSelected(workspacesStream.Name))
        {
            foreach (var row in workspacesStream.ToRows(workspace.ApiObject, context)) Write(workspacesStream.Name, row, context);
        }
        _log($"workspace {workspace.Label}: syncing");
        var work = StreamRegistry.ChildrenOf(workspacesStream)
            .Where(IsNeeded)
            .Select(child => (Func<CancellationToken, Task>)(token => Logged(child, workspace, () => SyncPartitionAsync(child, context, token))))
            .ToList();
        if (!_options.TimeEntrySource.IsPerUser && IsNeeded(_timeEntries))
        {
            work.Add(token => Logged(_timeEntries, workspace, () => SyncTimeEntriesAsync(context, token)));
        }
        try
        {
            await PartitionScheduler.AllAsync(work, cancellationToken);
            // After the sweep: a deletion read now can never be overtaken by an older copy of the entry.
            if (_options.ChangeFeed is not null && IsNeeded(_timeEntries)) await SyncEntityChangesAsync(context, cancellationToken);
        }
        catch (StreamSyncException forbidden) when (forbidden.Failure.Status == 403 && !workspace.ExplicitlyListed)
        {
            // Found through the role filter yet refused: treat it like a workspace the key cannot administer.
            _warn($"workspace {workspace.Label}: skipped the rest of it, {forbidden.Message}");
            lock (_incompleteStreams) _incompleteStreams.UnionWith(StreamRegistry.All.Select(s => s.Name));
        }
    }

    /// <summary>One line when a stream (with the streams below it) starts in a workspace, one with counts and time when it ends.</summary>
    private async Task Logged(ClockifyStream stream, WorkspaceDirectory.Workspace workspace, Func<Task> sync)
    {
        var streams = Subtree(stream).Where(s => _sink.IsSelected(s.Name)).Select(s => s.Name).ToList();
        _log($"stream {stream.Name}, workspace {workspace.Label}: started");
        var started = Stopwatch.GetTimestamp();
        await sync();
        var counts = streams.Select(s => $"{s} {_countsByWorkspace.GetValueOrDefault((s, workspace.Id))}");
        _log($"stream {stream.Name}, workspace {workspace.Label}: finished in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, records: {string.Join(", ", counts)}");
    }

    private static IEnumerable<ClockifyStream> Subtree(ClockifyStream stream) =>
        new[] { stream }.Concat(StreamRegistry.ChildrenOf(stream).SelectMany(Subtree));

    private bool IsNeeded(ClockifyStream stream) =>
        _sink.IsSelected(stream.Name) || StreamRegistry.ChildrenOf(stream).Any(IsNeeded);

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
        if (stream == _timeEntries)
        {
            await SyncTimeEntriesAsync(context, cancellationToken);
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
        var seenIds = stream.Queries.Count > 1 ? new HashSet<string>() : null;
        try
        {
            foreach (var query in stream.Queries)
            {
                var items = stream.IsPaged
                    ? _client.GetAllPagesAsync(context.FillPath(stream.Path!), query, _options.PageSize, cancellationToken)
                    : _client.GetListAsync(context.FillPath(stream.Path!), query, cancellationToken);
                await foreach (var item in items)
                {
                    if (seenIds is not null && !seenIds.Add(item["id"]?.ToString() ?? "")) continue;
                    WriteWithCutChildren(stream, item, context);
                    if (opensChildren) childContexts.Add(stream.ChildContext(item, context));
                }
            }
        }
        catch (ClockifyApiException forbidden) when (forbidden.Status == 403 && stream.SkippedOnForbidden is not null)
        {
            _warn($"stream {stream.Name}, {context}: skipped, {stream.SkippedOnForbidden} ({forbidden.Message})");
            return [];
        }
        catch (ClockifyApiException failure)
        {
            throw new StreamSyncException(stream.Name, context, failure);
        }
        return childContexts;
    }

    /// <summary>
    /// One partition of time entries: from its bookmark less lookback_days (or start_date when it
    /// has none) to the sync's start. Its new bookmark is the sync's start, held back to the start
    /// of any timer still running, and is saved only once every entry of the partition is written.
    /// </summary>
    private async Task SyncTimeEntriesAsync(PartitionContext partition, CancellationToken cancellationToken)
    {
        var bookmarkContext = BookmarkContext(partition);
        var bookmarkText = _state.PartitionBookmark(_timeEntries.Name, bookmarkContext);
        DateTimeOffset? bookmark = null;
        if (bookmarkText is not null)
        {
            bookmark = Timestamps.TryParse(bookmarkText, out var parsed)
                ? parsed
                : throw new StateFormatException($"bookmark \"{bookmarkText}\" of time_entries, {partition} is not a timestamp; remove it from the state file to sync that partition from start_date");
        }

        var from = bookmark is { } b ? b - _options.Lookback : _options.StartDate;
        if (from is { } f && _options.StartDate is { } startDate && f < startDate) from = startDate;
        var to = _options.SyncStartedAt;
        var hold = to;

        hold = await _scheduler.InSlotAsync(async () =>
        {
            try
            {
                foreach (var runningStart in await _options.TimeEntrySource.RunningTimerStartsAsync(partition, cancellationToken))
                {
                    if (runningStart < hold) hold = runningStart;
                }
                await foreach (var entry in _options.TimeEntrySource.FetchAsync(partition, from, to, cancellationToken))
                {
                    if (TimeEntriesStream.IsRunning(entry) && _timeEntries.StartOf(entry) is { } start && start < hold) hold = start;
                    WriteTimeEntry(entry, partition);
                }
                return hold;
            }
            catch (ClockifyApiException failure)
            {
                throw new StreamSyncException(_timeEntries.Name, partition, failure);
            }
        }, cancellationToken);

        // Every entry of the partition is written: only now may STATE claim it.
        _state.SetPartitionBookmark(_timeEntries.Name, bookmarkContext, _timeEntries.ReplicationKey, Timestamps.ForState(hold));
        EmitState();
    }

    /// <summary>
    /// Edits and deletions of time entries of any age, from the entity-changes API, since this
    /// workspace's last run. The first run only sets the mark (its sweep read everything).
    /// </summary>
    private async Task SyncEntityChangesAsync(PartitionContext workspace, CancellationToken cancellationToken)
    {
        var feed = _options.ChangeFeed!;
        var bookmarkContext = new Dictionary<string, string> { ["workspace_id"] = workspace.WorkspaceId, ["feed"] = "entity_changes" };
        var until = _options.SyncStartedAt - EntityChangesFeed.VisibilityLag;
        var marks = new Dictionary<string, string> { ["sync_started_at"] = Timestamps.ForState(_options.SyncStartedAt) };
        var sinceText = _state.PartitionBookmark(_timeEntries.Name, bookmarkContext);
        if (sinceText is not null)
        {
            if (!Timestamps.TryParse(sinceText, out var since))
                throw new StateFormatException($"bookmark \"{sinceText}\" of the entity changes of workspace {workspace.WorkspaceId} is not a timestamp");
            var previousStart = Timestamps.TryParse(_state.PartitionProperty(_timeEntries.Name, bookmarkContext, "sync_started_at"), out var parsed) ? parsed : since;
            try
            {
                await _scheduler.InSlotAsync(() => ReadEntityChangesAsync(feed, workspace, since, until, previousStart, cancellationToken), cancellationToken);
            }
            catch (ClockifyApiException refused) when (refused.Status is 403 or 404)
            {
                _warn($"time_entries, {workspace}: the entity-changes API is not available here ({refused.Message}); edits older than lookback_days and deletions are not captured for this workspace");
                return;
            }
            catch (ClockifyApiException failure)
            {
                throw new StreamSyncException(_timeEntries.Name, workspace, failure);
            }
        }
        _state.SetPartitionBookmark(_timeEntries.Name, bookmarkContext, "changed_at", Timestamps.ForState(until), marks);
        EmitState();
    }

    private async Task<int> ReadEntityChangesAsync(EntityChangesFeed feed, PartitionContext workspace, DateTimeOffset since, DateTimeOffset until,
        DateTimeOffset previousStart, CancellationToken cancellationToken)
    {
        var changes = 0;
        IReadOnlyList<string>? workspaceTagIds = null;
        async Task<IReadOnlyList<string>> TagIdsAsync() => workspaceTagIds ??= await WorkspaceTagIdsAsync(workspace, cancellationToken);

        foreach (var list in new[] { "created", "updated" })
        {
            await foreach (var entry in feed.ReadAsync(workspace.WorkspaceId, list, since, until, cancellationToken))
            {
                changes++;
                var row = _timeEntries.ToRows(entry, workspace).Single();
                WriteTimeEntry(row, workspace);
                if (list == "updated" && _sink.IsSelected(TimeEntriesTagsName))
                {
                    // Tags taken off the entry: every other tag of the workspace is marked deleted for it.
                    var current = (row.GetValueOrDefault("tagids") as JArray)?.Select(t => t.ToString()).ToHashSet() ?? [];
                    foreach (var tagId in (await TagIdsAsync()).Where(t => !current.Contains(t)))
                    {
                        Write(TimeEntriesTagsName, DeletedTagRow(entry["id"], tagId, DateTimeOffset.UtcNow), workspace);
                    }
                }
            }
        }

        // An entry created and deleted inside one range is left out of /deleted (official document),
        // so the range is split where the last run read: what that run wrote and was deleted since shows.
        var ranges = previousStart > since && previousStart < until
            ? new[] { (since, previousStart), (previousStart, until) }
            : [(since, until)];
        foreach (var (from, to) in ranges)
        {
            await foreach (var deleted in feed.ReadAsync(workspace.WorkspaceId, "deleted", from, to, cancellationToken))
            {
                changes++;
                var entry = EntityChangesFeed.DeletedEntry(deleted);
                entry["workspaceId"] ??= workspace.WorkspaceId;
                if (_sink.IsSelected(_timeEntries.Name)) Write(_timeEntries.Name, _timeEntries.ToRows(entry, workspace).Single(), workspace);
                if (!_sink.IsSelected(TimeEntriesTagsName)) continue;
                var tagIds = entry["tagIds"] is JArray known ? known.Select(t => t.ToString()).ToList() : await TagIdsAsync();
                var deletedAt = Timestamps.TryParse(entry["_sdc_deleted_at"]?.ToString(), out var at) ? at : DateTimeOffset.UtcNow;
                foreach (var tagId in tagIds) Write(TimeEntriesTagsName, DeletedTagRow(entry["id"], tagId, deletedAt), workspace);
            }
        }
        _log($"time_entries, {workspace}: {changes} changes from the entity-changes API since {Timestamps.ForState(since)}");
        return changes;
    }

    private const string TimeEntriesTagsName = "time_entries_tags";

    private static Row DeletedTagRow(JToken? entryId, string tagId, DateTimeOffset deletedAt) => new()
    {
        ["timeentry_id"] = entryId,
        ["tag_id"] = tagId,
        ["_sdc_deleted_at"] = Timestamps.ForState(deletedAt),
    };

    /// <summary>Every tag id of a workspace, archived ones too, as the tags stream reads them.</summary>
    private async Task<IReadOnlyList<string>> WorkspaceTagIdsAsync(PartitionContext workspace, CancellationToken cancellationToken)
    {
        var tags = StreamRegistry.Get("tags");
        var ids = new HashSet<string>();
        foreach (var query in tags.Queries)
        {
            await foreach (var tag in _client.GetAllPagesAsync(workspace.FillPath(tags.Path!), query, _options.PageSize, cancellationToken))
            {
                if (tag["id"] is JValue id) ids.Add(id.ToString());
            }
        }
        return ids.ToList();
    }

    private void EmitState()
    {
        lock (_stateGate)
        {
            _emitState();
            _recordsAtLastState = _sink.TotalRecords;
        }
    }

    private static Dictionary<string, string> BookmarkContext(PartitionContext partition)
    {
        var context = new Dictionary<string, string> { ["workspace_id"] = partition.WorkspaceId };
        if (partition.UserId is not null) context["user_id"] = partition.UserId;
        return context;
    }

    private void WriteTimeEntry(Row entry, PartitionContext context)
    {
        if (_sink.IsSelected(_timeEntries.Name)) Write(_timeEntries.Name, entry, context);
        if (!_sink.IsSelected(TimeEntriesTagsName)) return;
        foreach (var tag in TimeEntriesTagsStream.RowsFor(entry)) Write(TimeEntriesTagsName, tag, context);
    }

    private void WriteWithCutChildren(ClockifyStream stream, JObject item, PartitionContext context)
    {
        if (_sink.IsSelected(stream.Name))
        {
            foreach (var row in stream.ToRows(item, context)) Write(stream.Name, row, context);
        }
        foreach (var child in StreamRegistry.ChildrenOf(stream).Where(c => c.Path is null && _sink.IsSelected(c.Name)))
        {
            foreach (var row in child.ToRows(item, context)) Write(child.Name, row, context);
        }
    }

    private void Write(string stream, Row row, PartitionContext context)
    {
        _sink.Write(stream, row);
        _countsByWorkspace.AddOrUpdate((stream, context.WorkspaceId), 1, (_, count) => count + 1);
        // The state holds finished partitions only, so it may go out between any two records.
        if (_sink.TotalRecords - Interlocked.Read(ref _recordsAtLastState) >= _options.StateEveryRecords) EmitState();
    }
}

public sealed record SyncOptions(
    IReadOnlyList<string> WorkspaceIds,
    int PageSize,
    ITimeEntrySource TimeEntrySource,
    DateTimeOffset? StartDate,
    TimeSpan Lookback,
    DateTimeOffset SyncStartedAt,
    int MaxConcurrency,
    EntityChangesFeed? ChangeFeed = null,
    int StateEveryRecords = 5000);

/// <summary>A request failed while syncing a stream; the message names the stream and partition first.</summary>
public sealed class StreamSyncException(string stream, PartitionContext context, ClockifyApiException inner)
    : Exception($"stream {stream}, {context}: {inner.Message}", inner)
{
    public ClockifyApiException Failure => inner;
}

/// <summary>The state file holds a bookmark this tap cannot read.</summary>
public sealed class StateFormatException(string message) : Exception(message);

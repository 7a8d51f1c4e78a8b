using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// The incremental side of a sync: time-entry partitions swept from their bookmarks, and the
/// entity-changes feed that brings edits of any age and deletions.
/// </summary>
public sealed class TimeEntriesSync(
    TimeEntriesStream timeEntries,
    ClockifyClient client,
    SyncOutput output,
    TapState state,
    SyncOptions options,
    PartitionScheduler scheduler,
    TimeProvider clock,
    Action<string> log,
    Action<string> warn,
    SkippedPartitions skipped)
{
    private const string TimeEntriesTagsName = "time_entries_tags";
    private readonly TimeEntriesTagsStream _tags = (TimeEntriesTagsStream)StreamRegistry.Get(TimeEntriesTagsName);
    private readonly TimeEntriesCustomFieldsStream _customFields = (TimeEntriesCustomFieldsStream)StreamRegistry.Get("time_entries_custom_fields");

    /// <summary>
    /// One partition of time entries, read over its <see cref="TimeEntryWindow"/>; the bookmark the
    /// window leaves is saved only once every entry of the partition is written.
    /// </summary>
    public async Task SyncPartitionAsync(PartitionContext partition, CancellationToken cancellationToken)
    {
        var bookmarkContext = BookmarkContext(partition);
        var window = TimeEntryWindow.Open(state, timeEntries.Name, bookmarkContext, partition, options, warn);
        var outputs = OutputsFor(partition);

        try
        {
            // Timers the source lists apart, by id: written after the list unless it had them.
            var runningApart = new Dictionary<string, Row>();
            var timers = new RunningTimersRead(() => ReadRunningTimersAsync(partition, window, runningApart, cancellationToken));
            await PartitionScheduler.AllAsync(options.TimeEntrySource.Slices(window.From, window.To).Select(slice => (Func<CancellationToken, Task>)(token =>
                scheduler.InSlotAsync(async () =>
                {
                    // The first slice in a slot reads the running timers before its own pages, while the
                    // other slices' first pages are out; every slice's entries wait for them.
                    var (running, startedHere) = timers.Start();
                    if (startedHere) await running;
                    await foreach (var entries in options.TimeEntrySource.FetchAsync(partition, slice.From, slice.To, scheduler, token))
                    {
                        await running;
                        foreach (var entry in entries)
                        {
                            if (timeEntries.IsRunning(entry) && timeEntries.StartOf(entry) is { } start) window.HoldAt(start);
                            // Only shrinks once slices start, so a count read without the lock errs towards looking.
                            if (runningApart.Count > 0) lock (runningApart) runningApart.Remove(entry["id"].GetString() ?? "");
                        }
                        WriteTimeEntries(entries, outputs);
                    }
                    return true;
                }, token))), cancellationToken);
            // No slice started (an empty range): the timers are still read, in a slot of their own.
            if (!timers.Started) await scheduler.InSlotAsync(async () => { await timers.Start().Reading; return true; }, cancellationToken);
            await timers.Start().Reading;
            foreach (var running in runningApart.Values) WriteTimeEntry(running, outputs);
        }
        catch (ClockifyApiException refused) when (refused.Status is 403 || (partition.UserId is not null && refused.Status is 400 or 404))
        {
            // One refused list (say, an invitation never accepted) must not cost anyone else's.
            warn($"time_entries, {partition}: skipped ({refused.Brief} from {refused.Request}); its bookmark stays where it was");
            skipped.Add($"stream time_entries, {partition}", refused.Brief);
            return;
        }
        catch (ClockifyApiException failure)
        {
            throw new StreamSyncException(timeEntries.Name, partition, failure);
        }
        // Every entry of the partition is written: only now may STATE claim it.
        state.SetPartitionBookmark(timeEntries.Name, bookmarkContext, timeEntries.ReplicationKey, Timestamps.ForState(window.NextBookmark));
        output.BookmarkMoved();
    }

    /// <summary>Fills <paramref name="runningApart"/> with the source's running timers in the partition's window, and holds the bookmark at every one.</summary>
    private async Task ReadRunningTimersAsync(PartitionContext partition, TimeEntryWindow window, Dictionary<string, Row> runningApart, CancellationToken cancellationToken)
    {
        foreach (var running in await options.TimeEntrySource.RunningTimersAsync(partition, cancellationToken))
        {
            if (timeEntries.StartOf(running) is not { } start) continue;
            window.HoldAt(start);
            if (!window.Contains(start)) continue;
            runningApart[running["id"].GetString() ?? ""] = running;
        }
    }

    /// <summary>
    /// A partition's one read of its running timers, started by the first to ask: a caller holding a
    /// slot, so the read needs none of its own and those waiting for it in their slots cannot starve it.
    /// </summary>
    private sealed class RunningTimersRead(Func<Task> read)
    {
        private readonly Lock _gate = new();
        private Task? _reading;

        public bool Started
        {
            get
            {
                lock (_gate) return _reading is not null;
            }
        }

        /// <summary>The read, and whether this call started it.</summary>
        public (Task Reading, bool StartedHere) Start()
        {
            lock (_gate)
            {
                if (_reading is not null) return (_reading, false);
                _reading = read();
                return (_reading, true);
            }
        }
    }

    /// <summary>
    /// Edits and deletions of time entries of any age, from the entity-changes API, since this
    /// workspace's last run. The first run only sets the mark (its sweep read everything).
    /// </summary>
    public async Task SyncEntityChangesAsync(PartitionContext workspace, CancellationToken cancellationToken)
    {
        var feed = options.ChangeFeed!;
        var bookmarkContext = new Dictionary<string, string> { ["workspace_id"] = workspace.WorkspaceId, ["feed"] = "entity_changes" };
        var until = options.SyncStartedAt - EntityChangesFeed.VisibilityLag;
        var marks = new Dictionary<string, string> { ["sync_started_at"] = Timestamps.ForState(options.SyncStartedAt) };
        // No fallback to a stream-level bookmark here: that marks the sweep, not the change feed.
        var sinceText = state.PartitionProperty(timeEntries.Name, bookmarkContext, "replication_key_value");
        if (sinceText is not null)
        {
            if (!Timestamps.TryParse(sinceText, out var since))
                throw new StateFormatException($"bookmark \"{sinceText}\" of the entity changes of workspace {workspace.WorkspaceId} is not a timestamp");
            var previousStart = Timestamps.TryParse(state.PartitionProperty(timeEntries.Name, bookmarkContext, "sync_started_at"), out var parsed) ? parsed : since;
            try
            {
                await scheduler.InSlotAsync(() => ReadEntityChangesAsync(feed, workspace, since, until, previousStart, cancellationToken), cancellationToken);
            }
            catch (ClockifyApiException refused) when (refused.Status is 403 or 404)
            {
                warn($"time_entries, {workspace}: the entity-changes API is not available here ({refused.Brief}); edits older than lookback_days and deletions are not captured for this workspace");
                return;
            }
            catch (ClockifyApiException failure)
            {
                throw new StreamSyncException(timeEntries.Name, workspace, failure);
            }
        }
        state.SetPartitionBookmark(timeEntries.Name, bookmarkContext, "changed_at", Timestamps.ForState(until), marks);
        output.BookmarkMoved();
    }

    private async Task<int> ReadEntityChangesAsync(EntityChangesFeed feed, PartitionContext workspace, DateTimeOffset since, DateTimeOffset until,
        DateTimeOffset previousStart, CancellationToken cancellationToken)
    {
        var changes = 0;
        IReadOnlyList<string>? workspaceTagIds = null;
        var outputs = OutputsFor(workspace);
        async Task<IReadOnlyList<string>> TagIdsAsync() => workspaceTagIds ??= await WorkspaceTagIdsAsync(workspace, cancellationToken);

        foreach (var list in new[] { "created", "updated" })
        {
            await foreach (var entry in feed.ReadAsync(workspace.WorkspaceId, list, since, until, cancellationToken))
            {
                changes++;
                var row = timeEntries.ToRows(entry, workspace).Single();
                WriteTimeEntry(row, outputs);
                if (list == "updated" && output.IsSelected(TimeEntriesTagsName))
                {
                    // Tags taken off the entry: every other tag of the workspace is marked deleted for it.
                    var current = row["tagids"].StringItems().Select(t => t.GetString()).ToHashSet();
                    foreach (var tagId in (await TagIdsAsync()).Where(t => !current.Contains(t)))
                    {
                        output.Write(TimeEntriesTagsName, DeletedTagRow(entry["id"], tagId, clock.GetUtcNow()), workspace);
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
                if (output.IsSelected(timeEntries.Name)) output.Write(timeEntries.Name, timeEntries.ToRows(entry, workspace).Single(), workspace);
                var deletedAt = Timestamps.TryParse(entry["_sdc_deleted_at"]?.ToString(), out var at) ? at : clock.GetUtcNow();
                // Only the values the deleted document kept can be marked; a document without them marks none.
                if (output.IsSelected(_customFields.Name))
                {
                    foreach (var row in _customFields.DeletedRowsFor(entry, deletedAt)) output.Write(_customFields.Name, row, workspace);
                }
                if (!output.IsSelected(TimeEntriesTagsName)) continue;
                var tagIds = entry["tagIds"] is JArray known ? known.Select(t => t.ToString()).ToList() : await TagIdsAsync();
                foreach (var tagId in tagIds) output.Write(TimeEntriesTagsName, DeletedTagRow(entry["id"], tagId, deletedAt), workspace);
            }
        }
        log($"time_entries, {workspace}: {changes} changes from the entity-changes API since {Timestamps.ForState(since)}");
        return changes;
    }

    private Row DeletedTagRow(JToken? entryId, string tagId, DateTimeOffset deletedAt) =>
        _tags.TagRow(JsonFragment.FromToken(entryId), JsonFragment.FromString(tagId), deletedAt);

    /// <summary>Every tag id of a workspace, archived ones too, as the tags stream reads them.</summary>
    private async Task<IReadOnlyList<string>> WorkspaceTagIdsAsync(PartitionContext workspace, CancellationToken cancellationToken)
    {
        var tags = StreamRegistry.Get("tags");
        var ids = new HashSet<string>();
        foreach (var query in tags.Queries)
        {
            await foreach (var tag in client.GetAllPagesAsync(workspace.FillPath(tags.Path!), query, options.PageSize, cancellationToken))
            {
                if (tag["id"] is JValue id) ids.Add(id.ToString());
            }
        }
        return ids.ToList();
    }

    private static Dictionary<string, string> BookmarkContext(PartitionContext partition)
    {
        var context = new Dictionary<string, string> { ["workspace_id"] = partition.WorkspaceId };
        if (partition.UserId is not null) context["user_id"] = partition.UserId;
        return context;
    }

    /// <summary>Where a partition's entries and the rows cut from them go; null for a stream not written.</summary>
    private sealed record EntryOutputs(PartitionRecords? Entries, PartitionRecords? CustomFields, PartitionRecords? Tags);

    private EntryOutputs OutputsFor(PartitionContext partition) =>
        new(output.For(timeEntries.Name, partition), output.For(_customFields.Name, partition), output.For(TimeEntriesTagsName, partition));

    private void WriteTimeEntries(IReadOnlyList<Row> entries, EntryOutputs outputs)
    {
        if (outputs.CustomFields is null && outputs.Tags is null)
        {
            // The entries' own records go out together, under one lock of the output.
            outputs.Entries?.Write(entries);
            return;
        }
        foreach (var entry in entries) WriteTimeEntry(entry, outputs);
    }

    private void WriteTimeEntry(Row entry, EntryOutputs outputs)
    {
        outputs.Entries?.Write(entry);
        if (outputs.CustomFields is { } customFields)
        {
            foreach (var row in _customFields.RowsFor(entry)) customFields.Write(row);
        }
        if (outputs.Tags is not { } tags) return;
        foreach (var tag in _tags.RowsFor(entry)) tags.Write(tag);
    }
}

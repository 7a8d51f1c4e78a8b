using System.Text.Json;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// Time entries, incremental on their start. Objects arrive in the per-user endpoint's shape from
/// either source (<see cref="ITimeEntrySource"/>), so both give the same rows.
/// </summary>
public sealed class TimeEntriesStream : ClockifyStream
{
    public override string Name => "time_entries";
    public override string ParentName => "users";
    public override ReplicationMethod Replication => ReplicationMethod.Incremental;
    public override string ReplicationKey => "timeinterval_start";

    /// <summary>The per-user list; with the detailed report as source, the report's path is used instead.</summary>
    public override string Path => "workspaces/{workspaceId}/user/{userId}/time-entries";

    // The reference layout: timeinterval_start and timeinterval_end, yet timeinterval__duration.
    protected override ColumnNaming Naming { get; } = new(("timeinterval__start", "timeinterval_start"), ("timeinterval__end", "timeinterval_end"));

    // Where an entry's start and end sit in its row, looked up once: every entry is asked for them.
    private sealed record IntervalColumns(int Start, int End);
    private IntervalColumns? _interval;
    private IntervalColumns Interval => _interval ??= new(Layout.IndexOf(ReplicationKey), Layout.IndexOf("timeinterval_end"));

    /// <summary>The start of an entry's row.</summary>
    public DateTimeOffset? StartOf(Row row)
    {
        // Clockify's usual form is read straight from the row's text: every entry read with a start bound is asked.
        var text = row.TextOf(Interval.Start, out var kind);
        if (kind == JsonValueKind.String && Timestamps.TryParseCompactUtc(text[1..^1], out var start)) return start;
        return row[Interval.Start].ToTimestamp();
    }

    /// <summary>A running timer: no end yet, so its row will change when it stops.</summary>
    public bool IsRunning(Row row) => !row.HasValue(Interval.End);
}

/// <summary>One row per tag id of a time entry; an entry whose tagIds is null or empty has none.</summary>
public sealed class TimeEntriesTagsStream : ClockifyStream
{
    public override string Name => "time_entries_tags";
    public override string ParentName => "time_entries";
    public override IReadOnlyList<string> KeyProperties => ["timeentry_id", "tag_id"];
    // Written whenever its parent entry is, so it is as incremental as the parent.
    public override ReplicationMethod Replication => ReplicationMethod.Incremental;

    /// <summary>The tag rows of one time entry row; one row is filled again for each tag, so write each before asking for the next.</summary>
    public IEnumerable<Row> RowsFor(Row entry)
    {
        var tagIds = entry["tagids"].StringItems();
        if (tagIds.Count == 0) yield break;
        var row = new Row(Layout);
        for (var i = 0; i < tagIds.Count; i++)
        {
            if (AppearsBefore(tagIds, i)) continue;
            row["timeentry_id"] = entry["id"];
            row["tag_id"] = tagIds[i];
            yield return row;
        }
    }

    private static bool AppearsBefore(IReadOnlyList<JsonFragment> items, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (items[i].SameAs(items[index])) return true;
        }
        return false;
    }

    /// <summary>A row of an entry's tag; with a time, the row saying the tag was taken off the entry then.</summary>
    public Row TagRow(JsonFragment entryId, JsonFragment tagId, DateTimeOffset? deletedAt = null)
    {
        var row = new Row(Layout) { ["timeentry_id"] = entryId, ["tag_id"] = tagId };
        if (deletedAt is { } at) row["_sdc_deleted_at"] = JsonFragment.FromString(Timestamps.ForState(at));
        return row;
    }
}

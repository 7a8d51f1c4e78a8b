using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// POST {reports}/workspaces/{ws}/reports/detailed: every user's entries in one list, up to 1000 a
/// page, in date windows the plan allows (31 days on free plans, NOTES §5.10). Its items are
/// turned into the per-user endpoint's shape by <see cref="ReportEntryShape"/>, and handed over in the
/// batches they were read in, as the per-user source does: a batch it gives is valid until the next one
/// is asked for. Running timers come from the workspace's in-progress list.
/// </summary>
public sealed class DetailedReportTimeEntrySource(ClockifyClient client, TimeEntriesStream stream, DateTimeOffset earliest, TimeSpan window, Action<string> warn)
    : ITimeEntrySource
{
    // Items are read straight into time_entries rows, each filled again once written: this list is where millions of entries come from.
    private readonly ReportEntryShape _entries = new(stream.Layout);

    public bool IsPerUser => false;

    /// <summary>One slice per report window, so a workspace's windows are read at the same time under the one rate limit.</summary>
    public IReadOnlyList<(DateTimeOffset? From, DateTimeOffset To)> Slices(DateTimeOffset? from, DateTimeOffset to)
    {
        var slices = new List<(DateTimeOffset? From, DateTimeOffset To)>();
        for (var windowStart = from ?? earliest; windowStart < to; windowStart += window)
        {
            slices.Add((windowStart, windowStart + window < to ? windowStart + window : to));
        }
        return slices;
    }

    /// <summary>
    /// A window's pages: the first asks for the window's totals, and the pages they count are then
    /// read at the same time by this slice's slot and any the scheduler has idle (towards the end of
    /// a sync fewer windows are left than slots). Without totals, or past a last page that came back
    /// full, pages are read one after another until a short one, as the API documents.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<Row>> FetchAsync(PartitionContext partition, DateTimeOffset? from, DateTimeOffset to, PartitionScheduler scheduler,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = partition.FillPath("workspaces/{workspaceId}/reports/detailed");
        var workspaceId = JsonFragment.FromString(partition.WorkspaceId);
        var kept = new List<Row>();
        for (var windowStart = from ?? earliest; windowStart < to; windowStart += window)
        {
            var windowEnd = windowStart + window < to ? windowStart + window : to;
            var pages = new ConcurrentWindowPages(client, path, (page, withTotals) => Body(windowStart, windowEnd, page, withTotals), _entries.Items, scheduler);
            var reading = pages.ReadAsync(cancellationToken);
            int readOnFrom;
            try
            {
                await foreach (var entries in pages.Batches.ReadAllAsync(cancellationToken))
                {
                    if (Keep(entries, kept, windowStart, windowEnd, workspaceId)) yield return kept;
                    _entries.Items.SpareBatches?.Enqueue(entries);
                }
                readOnFrom = await reading;
            }
            finally
            {
                await pages.StopAsync(reading);
            }
            if (readOnFrom == 0) continue;
            var rest = client.PostAllPagesInBatchesAsync(ClockifyApi.Reports, path, page => Body(windowStart, windowEnd, readOnFrom - 1 + page, withTotals: false),
                "timeentries", ClockifyDefaults.MaxReportPageSize, _entries.Items, cancellationToken);
            await foreach (var entries in rest)
            {
                if (Keep(entries, kept, windowStart, windowEnd, workspaceId)) yield return kept;
            }
        }
    }

    /// <summary>Fills <paramref name="kept"/> with the entries that started in the window; false when none did.</summary>
    private bool Keep(IReadOnlyList<Row> entries, List<Row> kept, DateTimeOffset windowStart, DateTimeOffset windowEnd, JsonFragment workspaceId)
    {
        kept.Clear();
        foreach (var entry in entries)
        {
            _entries.SetWorkspaceId(entry, workspaceId);
            // The range is inclusive of its end: keep windows half-open so none is read twice.
            var start = stream.StartOf(entry);
            if (start is null || start < windowStart || start >= windowEnd) continue;
            kept.Add(entry);
        }
        return kept.Count > 0;
    }

    /// <summary>The report may leave running timers out; the in-progress list has them all (1000 a page), in the per-user list's shape.</summary>
    public async Task<IReadOnlyList<Row>> RunningTimersAsync(PartitionContext partition, CancellationToken cancellationToken)
    {
        var running = new List<Row>();
        try
        {
            var path = partition.FillPath("workspaces/{workspaceId}/time-entries/status/in-progress");
            await foreach (var entry in client.GetAllPagesAsync(path, [], ClockifyDefaults.MaxReportPageSize, cancellationToken))
            {
                entry["workspaceId"] ??= partition.WorkspaceId;
                running.AddRange(stream.ToRows(entry, partition));
            }
        }
        catch (ClockifyApiException refused) when (refused.Status is 403 or 404)
        {
            warn($"time_entries, {partition}: running timers unavailable ({refused.Brief}); an entry running now arrives once it has stopped and is inside lookback_days");
        }
        return running;
    }

    private static JObject Body(DateTimeOffset start, DateTimeOffset end, int page, bool withTotals) => new()
    {
        ["dateRangeStart"] = Timestamps.ForReport(start),
        ["dateRangeEnd"] = Timestamps.ForReport(end.AddMilliseconds(-1)),
        ["timeZone"] = "Etc/UTC",
        ["exportType"] = "JSON",
        ["amountShown"] = "EARNED",
        ["sortOrder"] = "ASCENDING",
        ["users"] = new JObject { ["ids"] = new JArray(), ["contains"] = "CONTAINS", ["status"] = "ALL" },
        ["detailedFilter"] = new JObject
        {
            ["page"] = page,
            ["pageSize"] = ClockifyDefaults.MaxReportPageSize,
            ["sortColumn"] = "DATE",
            // Totals (the window's entry count, NOTES §5.10) only where they are read: on a window's first page.
            ["options"] = new JObject { ["totals"] = withTotals ? "CALCULATE" : "EXCLUDE" },
        },
    };
}

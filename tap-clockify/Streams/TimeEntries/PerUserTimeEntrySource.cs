using System.Runtime.CompilerServices;
using TapClockify.Singer.Sync;
using TapClockify.Clockify;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// GET /v1/workspaces/{ws}/user/{userId}/time-entries. Its "start" and "end" filters both apply to
/// an entry's start ("started after" / "started before", NOTES §5.9), and it lists running timers too.
/// A batch of rows it gives is valid until the next one is asked for.
/// </summary>
public sealed class PerUserTimeEntrySource(ClockifyClient client, TimeEntriesStream stream, int pageSize) : ITimeEntrySource
{
    // Entries are read straight into rows, each filled again once written: this list is where millions of items come from.
    private readonly ItemReader<Row> _rows = new(stream.ReadRow, row => row["id"].GetString(), ReusesItems: true);

    public bool IsPerUser => true;

    public async IAsyncEnumerable<IReadOnlyList<Row>> FetchAsync(PartitionContext partition, DateTimeOffset? from, DateTimeOffset to, PartitionScheduler scheduler,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        // "Started after" may exclude an entry starting exactly at the bound: ask from a second
        // earlier and drop what precedes the bound here.
        if (from is { } start) query.Add(new("start", Timestamps.ForQuery(start.AddSeconds(-1))));
        query.Add(new("end", Timestamps.ForQuery(to)));
        var path = partition.FillPath(stream.Path);
        var kept = new List<Row>();
        await foreach (var entries in client.GetAllPagesInBatchesAsync(path, query, pageSize, _rows, cancellationToken))
        {
            if (from is not { } bound || !HasEntryBefore(entries, bound))
            {
                yield return entries;
                continue;
            }
            kept.Clear();
            kept.AddRange(entries.Where(entry => !(stream.StartOf(entry) < bound)));
            if (kept.Count > 0) yield return kept;
        }
    }

    private bool HasEntryBefore(IReadOnlyList<Row> entries, DateTimeOffset bound)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (stream.StartOf(entries[i]) < bound) return true;
        }
        return false;
    }

    // One person's list is read page after page: its pages cannot be asked for before the last one answers.
    public IReadOnlyList<(DateTimeOffset? From, DateTimeOffset To)> Slices(DateTimeOffset? from, DateTimeOffset to) => [(from, to)];

    public Task<IReadOnlyList<Row>> RunningTimersAsync(PartitionContext partition, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Row>>([]);
}

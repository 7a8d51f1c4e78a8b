using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// GET /v1/workspaces/{ws}/user/{userId}/time-entries. Its "start" and "end" filters both apply to
/// an entry's start ("started after" / "started before", NOTES §5.9), and it lists running timers too.
/// </summary>
public sealed class PerUserTimeEntrySource(ClockifyClient client, string pathTemplate, int pageSize) : ITimeEntrySource
{
    public bool IsPerUser => true;

    public async IAsyncEnumerable<JObject> FetchAsync(PartitionContext partition, DateTimeOffset? from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        // "Started after" may exclude an entry starting exactly at the bound: ask from a second
        // earlier and drop what precedes the bound here.
        if (from is { } start) query.Add(new("start", Timestamps.ForQuery(start.AddSeconds(-1))));
        query.Add(new("end", Timestamps.ForQuery(to)));
        var path = partition.FillPath(pathTemplate);
        await foreach (var entry in client.GetAllPagesAsync(path, query, pageSize, cancellationToken))
        {
            if (from is { } bound && TimeEntriesStream.StartOf(entry) < bound) continue;
            yield return entry;
        }
    }

    public Task<IReadOnlyList<DateTimeOffset>> RunningTimerStartsAsync(PartitionContext partition, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DateTimeOffset>>([]);
}

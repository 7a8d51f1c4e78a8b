using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;

namespace TapClockify.Streams;

/// <summary>
/// Reads one partition of a stream the way its declaration describes the endpoint: every query
/// pass, pages in the query or in a POST body or none, rows bare or wrapped, or one object; each id
/// once across passes; and, where the stream has a detail request, each item merged with its detail.
/// </summary>
public sealed class StreamListReader(ClockifyClient client, int pageSize)
{
    /// <param name="queries">Query passes in place of the stream's own, such as one date window.</param>
    public async IAsyncEnumerable<JObject> ReadAsync(ClockifyStream stream, PartitionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>? queries = null)
    {
        queries ??= stream.Queries;
        var path = context.FillPath(stream.Path ?? throw new InvalidOperationException($"{stream.Name} is cut from its parent and has no path"));
        if (stream.IsSingleObject)
        {
            if (await client.GetAsync(path, queries[0], cancellationToken) is JObject single) yield return single;
            yield break;
        }

        var size = PageSizeOf(stream);
        var seenIds = queries.Count > 1 ? new HashSet<string>() : null;
        foreach (var query in queries)
        {
            var items = stream.Paging switch
            {
                ListPaging.QueryPageNumbers => client.GetAllPagesAsync(path, query, size, cancellationToken, wrappedIn: stream.ItemsAt, totalAt: stream.TotalAt),
                ListPaging.PostBody => client.PostAllPagesAsync(ClockifyApi.Core, path, page => stream.BodyForPage(page, size),
                    stream.ItemsAt ?? throw new InvalidOperationException($"{stream.Name} pages a POST body without saying where its rows are"),
                    size, ItemReader.Objects, cancellationToken, stream.TotalAt),
                _ => client.GetListAsync(path, query, cancellationToken, stream.ItemsAt),
            };
            await foreach (var item in items)
            {
                if (seenIds is not null && !seenIds.Add(stream.IdOf(item) ?? "")) continue;
                yield return stream.DetailPath is { } detailPath ? await WithDetailAsync(stream, detailPath, item, context, cancellationToken) : item;
            }
        }
    }

    /// <summary>
    /// Reads the first page of the partition's list now, so that its read takes it without a request
    /// (<see cref="ClockifyClient.KeepFirstPageAsync"/>); for a list paged in its query, in one pass.
    /// </summary>
    public Task KeepFirstPageAsync(ClockifyStream stream, PartitionContext context, CancellationToken cancellationToken)
    {
        if (stream.Paging != ListPaging.QueryPageNumbers || stream.Queries.Count != 1 || stream.Path is null)
            throw new InvalidOperationException($"{stream.Name}: only a list paged in one query can have its first page read ahead");
        return client.KeepFirstPageAsync(context.FillPath(stream.Path), stream.Queries[0], PageSizeOf(stream), cancellationToken);
    }

    private int PageSizeOf(ClockifyStream stream) => Math.Min(pageSize, stream.MaxPageSize ?? pageSize);

    /// <summary>The item with its detail's fields written over it: the detail is a superset of the list item.</summary>
    private async Task<JObject> WithDetailAsync(ClockifyStream stream, string detailPath, JObject item, PartitionContext context,
        CancellationToken cancellationToken)
    {
        var id = stream.IdOf(item);
        if (id is null) return item;
        var detail = await client.GetAsync(context.FillPath(detailPath).Replace("{id}", Uri.EscapeDataString(id)), cancellationToken: cancellationToken);
        if (detail is not JObject fields) return item;
        foreach (var field in fields.Properties()) item[field.Name] = field.Value;
        return item;
    }
}

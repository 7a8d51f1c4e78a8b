using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TapClockify.Clockify.Paging;

namespace TapClockify.Clockify;

/// <summary>What one page gave: its item count, first item's id, Last-Page header and total, and the request that read it.</summary>
internal sealed record PageResult(int Count, string? FirstId, string? LastPage, string Request, long? Total);

/// <summary>
/// The one request loop: pages are read on a task of their own, and their items handed over in small
/// batches as they are parsed (<see cref="BatchHandOff{T}"/>), so a page's items are never all made
/// at once; the caller goes through each batch on the reading thread, and the next page is asked
/// for as soon as the caller has taken the last batch of the page before.
/// </summary>
internal static class PagePrefetcher
{
    /// <summary>Every item, one at a time.</summary>
    public static async IAsyncEnumerable<T> ItemsAsync<T>(Func<int, Func<List<T>, ValueTask>, CancellationToken, Task<PageResult>> readPage,
        PageNumberPaging? paging, ConcurrentQueue<List<T>>? spareBatches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in BatchesAsync(readPage, paging, spareBatches, cancellationToken))
        {
            foreach (var item in batch) yield return item;
        }
    }

    /// <summary>
    /// Every item, in the batches they were read in: a batch is valid until the next is asked for.
    /// For lists of millions of items, whose callers then go through a batch without an await per item.
    /// </summary>
    /// <param name="readPage">Reads one page by its number, handing its items over in batches to the function it is given.</param>
    /// <param name="paging">How pages advance; null for a list that comes whole in one answer.</param>
    /// <param name="spareBatches">Batches the caller has gone past, given back to be filled again; null to make new ones.</param>
    public static async IAsyncEnumerable<IReadOnlyList<T>> BatchesAsync<T>(Func<int, Func<List<T>, ValueTask>, CancellationToken, Task<PageResult>> readPage,
        PageNumberPaging? paging, ConcurrentQueue<List<T>>? spareBatches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = new BatchHandOff<List<T>>();
        var reader = Task.Run(async () =>
        {
            try
            {
                var page = paging?.Page ?? 1;
                do
                {
                    var result = await readPage(page, batch => new ValueTask(batches.OfferAsync(batch, stop.Token)), stop.Token);
                    if (paging is null) break;
                    try
                    {
                        paging.Advance(result.Count, result.LastPage, result.FirstId, result.Total);
                    }
                    catch (InvalidOperationException repeated)
                    {
                        throw new ClockifyApiException(result.Request, 200, $"{result.Request}: {repeated.Message}", isTransient: false);
                    }
                    page = paging.Page;
                } while (paging.HasMorePages);
                batches.Finish(null);
            }
            catch (Exception failure)
            {
                batches.Finish(failure);
            }
        }, CancellationToken.None);

        try
        {
            while (await batches.NextAsync(cancellationToken) is { } batch)
            {
                yield return batch;
                // Given back before the reader goes on, so it fills the same rows again while they are in the cache.
                spareBatches?.Enqueue(batch);
            }
        }
        finally
        {
            // The caller may stop early (an error downstream, or it had what it wanted).
            await stop.CancelAsync();
            await reader;
        }
    }
}

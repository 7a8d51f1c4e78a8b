using System.Collections.Concurrent;

namespace TapClockify.Clockify;

/// <summary>
/// Hands one page's items over in batches, across every attempt to read it: an attempt whose body
/// broke midway is followed by one that reads the page again whole, and only the items not yet
/// handed over go on, so nothing is written twice.
/// </summary>
internal sealed class PageHandOver<T>(ItemReader<T> itemReader, Func<List<T>, ValueTask> onBatch)
{
    private const int ItemsPerBatch = 64;

    private readonly ConcurrentQueue<List<T>>? _spareBatches = itemReader.SpareBatches;
    private int _handedOver;

    /// <summary>Reads every item of the page, handing over those not handed over before; returns how many the page has and its first id.</summary>
    public async Task<(int Count, string? FirstId)> HandOverAsync(ListItems<T> items)
    {
        var count = 0;
        string? firstId = null;
        while (true)
        {
            var batch = _spareBatches?.TryDequeue(out var spare) == true ? spare : new List<T>(ItemsPerBatch);
            var more = items.ReadBatch(itemReader, batch, ItemsPerBatch);
            if (batch.Count > 0)
            {
                if (count == 0) firstId = itemReader.IdOf(batch[0]);
                var seenBefore = Math.Clamp(_handedOver - count, 0, batch.Count);
                count += batch.Count;
                batch.RemoveRange(0, seenBefore);
                if (batch.Count > 0)
                {
                    await onBatch(batch);
                    _handedOver = count;
                }
                else _spareBatches?.Enqueue(batch);
            }
            if (!more) return (count, firstId);
        }
    }
}

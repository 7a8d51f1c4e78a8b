using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// The pages of one detailed-report window read at the same time: the first asks for the window's
/// entry count (its totals), and the pages that count gives are then claimed one by one by the
/// window's own slot and by readers in slots the scheduler has idle. Every reader hands its items
/// over in batches into one channel, so pages arrive in any order but each item once: a page read
/// again after failing midway passes on only what it had not passed on. STATE is not touched here:
/// the partition's bookmark moves only once every slice is written.
/// </summary>
internal sealed class ConcurrentWindowPages(ClockifyClient client, string path, Func<int, bool, JObject> bodyFor, ItemReader<Row> items, PartitionScheduler scheduler)
{
    private const int PageSize = ClockifyDefaults.MaxReportPageSize;
    // As few as the one-page-at-a-time reader keeps: a reader's page is whole in memory before it hands
    // anything over, so waiting here delays no request, and every window of a sync has its own.
    private const int BatchesInFlight = 4;

    private readonly Channel<List<Row>> _batches = Channel.CreateBounded<List<Row>>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Task> _helpers = new();
    private int _pageCount;
    private int _lastClaimed = 1;
    private int _readers;
    private string? _firstPageFirstId;
    private bool _lastPageFull;
    private Exception? _firstFailure;

    /// <summary>The window's items, in batches valid until the reader gives them back as spare batches.</summary>
    public ChannelReader<List<Row>> Batches => _batches.Reader;

    /// <summary>
    /// Reads every page the totals count, then completes <see cref="Batches"/>. Returns the page to
    /// go on from one page at a time (no totals, or the last counted page was full: entries came
    /// since), or 0 when the window is read whole.
    /// </summary>
    public async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        using var link = cancellationToken.Register(() => _stop.Cancel());
        try
        {
            var first = await ReadPageAsync(1, withTotals: true);
            var readOnFrom = 0;
            if (first.Count >= PageSize)
            {
                if (first.Total is { } total && total > PageSize)
                {
                    _firstPageFirstId = first.FirstId;
                    _pageCount = (int)Math.Min(int.MaxValue - 1, (total + PageSize - 1) / PageSize);
                    _readers = 1;
                    await ReadClaimedPagesAsync();
                    await AllHelpersAsync();
                    readOnFrom = Volatile.Read(ref _lastPageFull) ? _pageCount + 1 : 0;
                }
                else readOnFrom = 2;
            }
            _batches.Writer.Complete();
            return readOnFrom;
        }
        catch (Exception failure)
        {
            Interlocked.CompareExchange(ref _firstFailure, failure, null);
            await _stop.CancelAsync();
            await AllHelpersQuietlyAsync();
            // The failure that stopped the others, not what stopping did to this reader.
            var cause = _firstFailure!;
            _batches.Writer.Complete(cause);
            ExceptionDispatchInfo.Throw(cause);
            throw;
        }
    }

    /// <summary>Stops what is still reading (the writer gave up early, or a reader failed) and waits for it.</summary>
    public async Task StopAsync(Task reading)
    {
        await _stop.CancelAsync();
        try
        {
            await reading;
        }
        catch
        {
            // Already seen through the channel, or the cancellation asked for here.
        }
    }

    /// <summary>Claims pages not yet claimed and reads them, until none is left; first asks idle slots to help while more pages are left than readers.</summary>
    private async Task ReadClaimedPagesAsync()
    {
        while (true)
        {
            while (_pageCount - Volatile.Read(ref _lastClaimed) > Volatile.Read(ref _readers) && scheduler.TryInIdleSlot(HelpAsync) is { } helper)
            {
                _helpers.Enqueue(helper);
            }
            var page = Interlocked.Increment(ref _lastClaimed);
            if (page > _pageCount) return;
            var result = await ReadPageAsync(page, withTotals: false);
            if (result.Count > 0 && result.FirstId is not null && result.FirstId == _firstPageFirstId)
                throw new ClockifyApiException(result.Request, 200, $"{result.Request}: page {page} repeated the first page (first id {result.FirstId}); the API ignored the page number", isTransient: false);
            if (page == _pageCount && result.Count >= PageSize) Volatile.Write(ref _lastPageFull, true);
        }
    }

    private async Task HelpAsync()
    {
        Interlocked.Increment(ref _readers);
        try
        {
            await ReadClaimedPagesAsync();
        }
        catch (Exception failure)
        {
            // Kept before the others are stopped, so what stopping does to them cannot pass for the cause.
            Interlocked.CompareExchange(ref _firstFailure, failure, null);
            await _stop.CancelAsync();
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _readers);
        }
    }

    /// <summary>Waits for every helper, including any that started while the last were waited for.</summary>
    private async Task AllHelpersAsync()
    {
        var waited = 0;
        while (_helpers.Count > waited)
        {
            var started = _helpers.ToArray();
            waited = started.Length;
            await Task.WhenAll(started);
        }
    }

    private async Task AllHelpersQuietlyAsync()
    {
        try
        {
            await AllHelpersAsync();
        }
        catch
        {
            // The first failure is the one reported.
        }
    }

    private Task<PageResult> ReadPageAsync(int page, bool withTotals) =>
        client.PostPageInBatchesAsync(ClockifyApi.Reports, path, bodyFor(page, withTotals), "timeentries", withTotals ? "totals.0.entriesCount" : null,
            items, batch => _batches.Writer.WriteAsync(batch, _stop.Token), _stop.Token);
}

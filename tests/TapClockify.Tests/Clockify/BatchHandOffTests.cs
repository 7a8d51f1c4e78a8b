using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>Batches passed from the page reader to the caller one at a time, on the reader's thread.</summary>
public class BatchHandOffTests
{
    [Fact]
    public async Task Every_batch_after_the_first_is_gone_through_on_the_thread_that_read_its_items()
    {
        using var server = ScriptedServer.Fixed(new JArray(Enumerable.Range(0, 3000).Select(i => new JObject { ["id"] = $"e{i}" })).ToString(Newtonsoft.Json.Formatting.None));
        using var client = server.Client();
        // The thread each item was read on, by id.
        var readOn = new Dictionary<string, int>();
        var items = new ItemReader<string>((ReadOnlySpan<byte> json, int start, out int end, string? _) =>
        {
            end = json[start..].IndexOf((byte)'}') + start + 1;
            var id = System.Text.Encoding.UTF8.GetString(json[(start + 7)..(end - 2)]);
            lock (readOn) readOn[id] = Environment.CurrentManagedThreadId;
            return id;
        }, id => id);

        var batches = 0;
        var seen = 0;
        await foreach (var batch in client.GetAllPagesInBatchesAsync("list", null, 5000, items))
        {
            // The first may be offered before the caller asks for it, and then taken on the caller's thread.
            if (batches++ > 0)
            {
                foreach (var id in batch)
                {
                    lock (readOn) Assert.Equal(readOn[id], Environment.CurrentManagedThreadId);
                }
            }
            seen += batch.Count;
        }

        Assert.Equal(3000, seen);
        Assert.True(batches > 2, "the page came in too few batches to test");
    }

    [Fact]
    public async Task The_reader_goes_on_only_once_the_taker_asks_for_the_next_batch()
    {
        var handOff = new BatchHandOff<string>();
        var first = handOff.NextAsync(CancellationToken.None);

        var offered = handOff.OfferAsync("a", CancellationToken.None);
        Assert.Equal("a", await first);
        Assert.False(offered.IsCompleted);

        var second = handOff.NextAsync(CancellationToken.None);
        await offered;
        Assert.False(second.IsCompleted);
        handOff.Finish(null);
        Assert.Null(await second);
    }

    [Fact]
    public async Task The_readers_failure_reaches_the_taker_after_the_batches_before_it()
    {
        var handOff = new BatchHandOff<string>();
        var reader = Task.Run(async () =>
        {
            await handOff.OfferAsync("a", CancellationToken.None);
            handOff.Finish(new InvalidOperationException("page 2 broke"));
        });

        Assert.Equal("a", await handOff.NextAsync(CancellationToken.None));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => handOff.NextAsync(CancellationToken.None));
        Assert.Equal("page 2 broke", failure.Message);
        await reader;
    }

    [Fact]
    public async Task A_taker_waiting_for_a_batch_stops_when_its_token_is_cancelled()
    {
        var handOff = new BatchHandOff<string>();
        using var cancel = new CancellationTokenSource();
        var next = handOff.NextAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task A_caller_that_stops_after_the_first_batch_ends_the_page_reading()
    {
        using var server = ScriptedServer.Fixed(new JArray(Enumerable.Range(0, 3000).Select(i => new JObject { ["id"] = $"e{i}" })).ToString(Newtonsoft.Json.Formatting.None));
        using var client = server.Client();

        var batches = 0;
        await foreach (var _ in client.GetAllPagesInBatchesAsync("list", null, 5000, ItemReader.Objects))
        {
            batches++;
            break;
        }

        Assert.Equal(1, batches);
        Assert.Single(server.Requests);
    }
}

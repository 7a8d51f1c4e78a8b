using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class PartitionSchedulerTests
{
    [Fact]
    public async Task No_more_than_max_concurrency_pieces_hold_a_slot_at_once()
    {
        var scheduler = new PartitionScheduler(maxConcurrency: 3);
        var inside = 0;
        var most = 0;

        await PartitionScheduler.AllAsync(Enumerable.Range(0, 20).Select(_ => (Func<CancellationToken, Task>)(token =>
            scheduler.InSlotAsync(async () =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Delay(10, token);
                Interlocked.Decrement(ref inside);
                return 0;
            }, token))), CancellationToken.None);

        Assert.Equal(3, most);
    }

    [Fact]
    public async Task The_first_failure_cancels_the_rest_and_is_the_one_thrown()
    {
        var cancelled = 0;
        var work = new List<Func<CancellationToken, Task>>
        {
            async token =>
            {
                try { await Task.Delay(TimeSpan.FromSeconds(30), token); }
                catch (OperationCanceledException) { Interlocked.Increment(ref cancelled); throw; }
            },
            async _ =>
            {
                await Task.Delay(20);
                throw new InvalidDataException("the real failure");
            },
        };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PartitionScheduler.AllAsync(work, CancellationToken.None));

        Assert.Equal("the real failure", error.Message);
        Assert.Equal(1, cancelled);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

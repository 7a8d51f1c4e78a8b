using Xunit;

namespace TapClockify.Tests.Support;

public class FastForwardClockTests
{
    [Fact]
    public async Task A_short_wait_is_skipped_and_the_clock_moves_on_by_at_least_its_length()
    {
        var clock = new FastForwardClock();
        var before = clock.GetTimestamp();

        await Task.Delay(FastForwardClock.LongestSkippedWait, clock);

        Assert.True(clock.GetElapsedTime(before) >= FastForwardClock.LongestSkippedWait);
        // Ahead of real time by the wait: it was skipped, not slept.
        Assert.True(clock.GetUtcNow() - DateTimeOffset.UtcNow > FastForwardClock.LongestSkippedWait / 2);
    }
}

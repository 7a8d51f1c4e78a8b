using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using TapClockify.Clockify;
using TapClockify.Clockify.Resilience;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>
/// The pipeline on a fake clock: pacing, backoff, Retry-After and the attempt timeout all wait on
/// it and the test moves it on, so nothing sleeps and time passes only as the test says. Evenness
/// is measured on a <see cref="FastForwardClock"/> instead, whose waits end exactly when due.
/// </summary>
public class ClockifyPipelineTests
{
    private readonly FakeTimeProvider _clock = new();

    private static ClockifyClientOptions Options(int attempts, TimeSpan? maxWait = null) => new()
    {
        ApiKey = "k",
        Hosts = ClockifyHosts.Resolve(null, null, null),
        UserAgent = "test",
        MaxAttempts = attempts,
        FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryWait = maxWait ?? TimeSpan.FromMinutes(1),
        MaxRequestsPerSecond = 1000,
    };

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> at a time until <paramref name="work"/> is done,
    /// with a moment between steps for what came due to run: a wait ends at the first step that
    /// reaches its end, never before.
    /// </summary>
    private async Task AdvancingAsync(TimeSpan step, Task work)
    {
        while (!work.IsCompleted)
        {
            _clock.Advance(step);
            await Task.WhenAny(work, Task.Delay(1));
        }
        await work;
    }

    private async Task<T> AdvancingAsync<T>(TimeSpan step, Task<T> work)
    {
        await AdvancingAsync(step, (Task)work);
        return await work;
    }

    [Fact]
    public async Task Requests_go_out_evenly_with_no_burst_saved_up()
    {
        // 30 requests at 20 a second, all asked for at once. Evenly paced, the last starts at least 29
        // spacings after the first; a bucket holding a second's worth would let 20 out at once and
        // finish in about half that. On a FastForwardClock each wait ends exactly when it is due, not
        // at a step of the clock or a late timer, so a spacing even a millisecond short shows.
        var clock = new FastForwardClock();
        using var pipeline = new ClockifyPipeline(Options(1) with { MaxRequestsPerSecond = 20 }, clock);
        var starts = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => pipeline.ExecuteAsync("GET /x", _ =>
        {
            starts.Add(clock.GetTimestamp());
            return Task.FromResult(0);
        }, CancellationToken.None)));

        var spread = clock.GetElapsedTime(starts.Min(), starts.Max());
        Assert.True(spread >= TimeSpan.FromSeconds(29 / (20 * ClockifyPipeline.PacingMargin)) - TimeSpan.FromMilliseconds(5), $"30 requests went out over {spread.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Waiting_for_a_turn_does_not_count_against_an_attempts_timeout()
    {
        // At 2 a second the third request waits about a second for its turn, five times the timeout
        // of an attempt that itself takes no time. The clock moves in steps shorter than the timeout.
        using var pipeline = new ClockifyPipeline(Options(1) with { MaxRequestsPerSecond = 2, RequestTimeout = TimeSpan.FromMilliseconds(200) }, _clock);

        var results = await AdvancingAsync(TimeSpan.FromMilliseconds(50),
            Task.WhenAll(Enumerable.Range(0, 3).Select(i => pipeline.ExecuteAsync("GET /x", _ => Task.FromResult(i), CancellationToken.None))));

        Assert.Equal([0, 1, 2], results.Order());
    }

    private static ClockifyApiException Status(int status) => ClockifyApiException.FromStatus("GET /x", status, null);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void Only_rate_limits_and_server_errors_are_retried_among_statuses(int status, bool retried)
    {
        Assert.Equal(retried, ClockifyPipeline.IsRetriable(Status(status)));
    }

    [Fact]
    public void Dropped_connections_and_broken_bodies_are_retried()
    {
        Assert.True(ClockifyPipeline.IsRetriable(new HttpRequestException("reset")));
        Assert.True(ClockifyPipeline.IsRetriable(new IOException("cut")));
        Assert.True(ClockifyPipeline.IsRetriable(new ClockifyApiException("GET /x", 200, "not JSON", isTransient: true)));
        Assert.False(ClockifyPipeline.IsRetriable(new InvalidOperationException()));
    }

    [Fact]
    public async Task A_request_is_tried_max_attempts_times_then_its_last_failure_surfaces()
    {
        using var pipeline = new ClockifyPipeline(Options(attempts: 4), _clock);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<ClockifyApiException>(() => AdvancingAsync(TimeSpan.FromMilliseconds(10), pipeline.ExecuteAsync<int>("GET /x", _ =>
        {
            attempts++;
            throw Status(503);
        }, CancellationToken.None)));

        Assert.Equal(4, attempts);
        Assert.Equal(503, error.Status);
        Assert.Equal(3, pipeline.RetryCount);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var pipeline = new ClockifyPipeline(Options(attempts: 4), _clock);
        var attempts = 0;

        await Assert.ThrowsAsync<ClockifyApiException>(() => AdvancingAsync(TimeSpan.FromMilliseconds(10), pipeline.ExecuteAsync<int>("GET /x", _ =>
        {
            attempts++;
            throw Status(404);
        }, CancellationToken.None)));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_server_sent_retry_after_sets_the_wait()
    {
        var logged = new List<string>();
        using var pipeline = new ClockifyPipeline(Options(attempts: 2), _clock, logged.Add);
        var attempts = 0;

        var result = await AdvancingAsync(TimeSpan.FromMilliseconds(100), pipeline.ExecuteAsync("GET /x", _ =>
        {
            if (attempts++ == 0) throw new ClockifyApiException("GET /x", 429, "slow down", isTransient: true, retryAfter: TimeSpan.FromMilliseconds(1500));
            return Task.FromResult(7);
        }, CancellationToken.None));

        Assert.Equal(7, result);
        Assert.Contains(logged, l => l.Contains("retrying in 1.5 s"));
    }

    [Fact]
    public async Task Rate_limiting_that_lasts_minutes_is_explained_in_plain_words()
    {
        var logged = new List<string>();
        using var pipeline = new ClockifyPipeline(Options(attempts: 6), _clock, logged.Add);

        // The clock moves a minute at a time, so each wait after a 429 ends a minute or more later.
        await Assert.ThrowsAsync<ClockifyApiException>(() => AdvancingAsync(TimeSpan.FromMinutes(1),
            pipeline.ExecuteAsync<int>("GET /x", _ => throw Status(429), CancellationToken.None)));

        Assert.Contains(logged, l => l.Contains("30 requests an hour") && l.Contains("detailed_report"));
    }

    [Fact]
    public async Task Retries_stop_once_the_total_wait_is_spent()
    {
        using var pipeline = new ClockifyPipeline(Options(attempts: 50, maxWait: TimeSpan.FromMilliseconds(20)), _clock);
        var attempts = 0;

        await Assert.ThrowsAsync<ClockifyApiException>(() => AdvancingAsync(TimeSpan.FromMilliseconds(5), pipeline.ExecuteAsync<int>("GET /x", _ =>
        {
            attempts++;
            throw new ClockifyApiException("GET /x", 429, "slow down", isTransient: true, retryAfter: TimeSpan.FromMilliseconds(15));
        }, CancellationToken.None)));

        Assert.Equal(3, attempts);
    }
}

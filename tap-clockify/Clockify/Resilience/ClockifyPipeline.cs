using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TapClockify.Clockify.Resilience;

/// <summary>
/// The one resilience pipeline of a run, outer to inner: retry (429, 5xx, timeouts, dropped
/// connections, broken bodies; honouring Retry-After), then a per-attempt timeout. Every attempt
/// first waits its turn from the pacer shared by all requests, before its timeout starts.
/// </summary>
public sealed class ClockifyPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<TimeSpan> WaitedKey = new("clockify.waited");
    private readonly RequestPacer _pacer;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _timeout;
    private readonly TimeSpan _maxRetryWait;
    private readonly TimeProvider _clock;
    private readonly Action<string>? _warn;
    private readonly object _rateLimitGate = new();
    private DateTimeOffset? _rateLimitedSince;
    private DateTimeOffset _lastRateLimitWarning = DateTimeOffset.MinValue;

    /// <summary>The share of max_requests_per_second requests are paced at.</summary>
    public const double PacingMargin = 0.95;

    /// <summary>How long 429s must go on before the log says so in plain words.</summary>
    public static readonly TimeSpan PersistentRateLimit = TimeSpan.FromMinutes(2);

    /// <param name="clock">Every wait goes by it: pacing, the delay before a retry, the attempt timeout, how long 429s have lasted.</param>
    public ClockifyPipeline(ClockifyClientOptions options, TimeProvider clock, Action<string>? onRetry = null)
    {
        _maxRetryWait = options.MaxRetryWait;
        _clock = clock;
        _warn = onRetry;
        // A little under the limit: Clockify counts arrivals, and the time from here to there varies
        // (a new connection, a busy machine), so requests evenly spaced here may arrive bunched.
        var perSecond = Math.Max(options.MaxRequestsPerSecond, 0.001) * PacingMargin;
        _pacer = new RequestPacer(perSecond, _clock);

        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        // Polly refuses a retry strategy of zero retries: with one attempt there is none.
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(IsRetriable(args.Outcome.Exception) && HasWaitLeft(args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber, args.Outcome.Exception, options.FirstRetryDelay)),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(WaitedKey, out var waited);
                    args.Context.Properties.Set(WaitedKey, waited + args.RetryDelay);
                    Interlocked.Increment(ref _retryCount);
                    if (args.Outcome.Exception is ClockifyApiException { Status: 429 })
                    {
                        NoteRateLimited();
                        if (_pacer.SlowDown() is { } slower) onRetry?.Invoke($"Clockify answered 429 Too Many Requests: requests are paced at {slower:0.##} a second from now on");
                    }
                    onRetry?.Invoke($"{args.Context.OperationKey}: attempt {args.AttemptNumber + 1} failed ({Describe(args.Outcome.Exception)}); retrying in {args.RetryDelay.TotalSeconds:0.#} s");
                    return ValueTask.CompletedTask;
                },
            });
        }
        _retry = builder.Build();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(options.RequestTimeout).Build();
    }

    private int _retryCount;

    public int RetryCount => Volatile.Read(ref _retryCount);

    /// <param name="operation">Names the request in retry logs, such as "GET /api/v1/workspaces".</param>
    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            var result = await _retry.ExecuteAsync(async ctx =>
            {
                // Waiting for its turn is not part of an attempt's time: at a slow rate it can be minutes.
                await _pacer.WaitTurnAsync(ctx.CancellationToken);
                return await _timeout.ExecuteAsync(async token => await attempt(token), ctx.CancellationToken);
            }, context);
            lock (_rateLimitGate) _rateLimitedSince = null;
            return result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Says in plain words, every few minutes, that Clockify keeps refusing with 429.</summary>
    private void NoteRateLimited()
    {
        var now = _clock.GetUtcNow();
        string? warning = null;
        lock (_rateLimitGate)
        {
            _rateLimitedSince ??= now;
            var lasting = now - _rateLimitedSince.Value;
            if (lasting >= PersistentRateLimit && now - _lastRateLimitWarning >= PersistentRateLimit)
            {
                _lastRateLimitWarning = now;
                warning = $"Clockify has answered 429 Too Many Requests for {lasting.TotalMinutes:0} minutes. A new free workspace allows only "
                    + "30 requests an hour: set time_entries_source to detailed_report, or lower max_requests_per_second. The tap keeps retrying.";
            }
        }
        if (warning is not null) _warn?.Invoke(warning);
    }

    internal static bool IsRetriable(Exception? error) => error switch
    {
        ClockifyApiException api => api.IsTransient,
        HttpRequestException or TimeoutRejectedException or IOException => true,
        _ => false,
    };

    private bool HasWaitLeft(ResilienceContext context) =>
        !context.Properties.TryGetValue(WaitedKey, out var waited) || waited < _maxRetryWait;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The server's Retry-After when it sent one; else exponential backoff with jitter, and after a
    /// 429 at least a second, since Clockify counts requests per second (help center, API limits).
    /// </summary>
    internal static TimeSpan DelayBefore(int attemptNumber, Exception? error, TimeSpan firstDelay)
    {
        if (error is ClockifyApiException { RetryAfter: { } serverSaid }) return serverSaid;
        var exponential = firstDelay.TotalSeconds * Math.Pow(2, Math.Min(attemptNumber, 20)) * (0.75 + Random.Shared.NextDouble() * 0.5);
        var delay = TimeSpan.FromSeconds(Math.Min(exponential, MaxBackoff.TotalSeconds));
        return error is ClockifyApiException { Status: 429 } && delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
    }

    private static string Describe(Exception? error) => error switch
    {
        ClockifyApiException { Status: { } status } => $"HTTP {status}",
        TimeoutRejectedException => "timed out",
        null => "unknown",
        _ => error.GetType().Name,
    };

    public void Dispose() => _pacer.Dispose();
}

using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TapClockify.Clockify.Resilience;

/// <summary>
/// The one resilience pipeline of a run, outer to inner: retry (429, 5xx, timeouts, dropped
/// connections, broken bodies; honouring Retry-After), then a per-attempt timeout. Every attempt
/// first takes a permit from the rate limiter shared by all requests.
/// </summary>
public sealed class ClockifyPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<TimeSpan> WaitedKey = new("clockify.waited");
    private readonly TokenBucketRateLimiter _rateLimiter;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _maxRetryWait;

    public ClockifyPipeline(ClockifyClientOptions options, Action<string>? onRetry = null)
    {
        _maxRetryWait = options.MaxRetryWait;
        var perSecond = Math.Max(options.MaxRequestsPerSecond, 0.001);
        _rateLimiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            // One token every 1/rate seconds, with at most a second's worth saved up.
            TokenLimit = Math.Max(1, (int)Math.Floor(perSecond)),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetryDelay,
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldHandle = args => ValueTask.FromResult(IsRetriable(args.Outcome.Exception) && HasWaitLeft(args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(WaitedKey, out var waited);
                    args.Context.Properties.Set(WaitedKey, waited + args.RetryDelay);
                    RetryCount++;
                    onRetry?.Invoke($"attempt {args.AttemptNumber + 1} failed ({Describe(args.Outcome.Exception)}); retrying in {args.RetryDelay.TotalSeconds:0.#} s");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    public int RetryCount { get; private set; }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(async ctx =>
            {
                using var lease = await _rateLimiter.AcquireAsync(1, ctx.CancellationToken);
                return await attempt(ctx.CancellationToken);
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    internal static bool IsRetriable(Exception? error) => error switch
    {
        ClockifyApiException api => api.IsTransient,
        HttpRequestException or TimeoutRejectedException or IOException => true,
        _ => false,
    };

    private bool HasWaitLeft(ResilienceContext context) =>
        !context.Properties.TryGetValue(WaitedKey, out var waited) || waited < _maxRetryWait;

    private static TimeSpan? RetryAfterOf(Exception? error) =>
        error is ClockifyApiException { RetryAfter: { } delay } ? delay : null;

    private static string Describe(Exception? error) => error switch
    {
        ClockifyApiException { Status: { } status } => $"HTTP {status}",
        TimeoutRejectedException => "timed out",
        null => "unknown",
        _ => error.GetType().Name,
    };

    public void Dispose() => _rateLimiter.Dispose();
}

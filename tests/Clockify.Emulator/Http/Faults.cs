using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>
/// Latency, the rate limit and injected faults, applied before a request reaches its endpoint.
/// Every request draws exactly one number from the seeded generator (whether or not it is later
/// rate limited), so a given seed always hits the same request numbers; the draw is matched
/// against the fault fractions laid end to end, in the order of <see cref="EmulatorOptions"/>.
/// </summary>
internal sealed class Faults(EmulatorOptions options)
{
    private readonly SlidingWindowRateLimiter rateLimiter = new();
    private int serverErrors;

    public async Task Invoke(HttpContext context, RequestDelegate next)
    {
        var clock = options.ServerClock;
        // Counted as it arrives, before the latency that stands for the network and the server's work:
        // counted after it, the timers ending many waits at once bunched requests that came evenly.
        var admitted = options.RateLimitPerSecond is not { } limit || rateLimiter.TryAdmit(limit, clock);
        var latency = options.Latency;
        if (latency > TimeSpan.Zero) await Task.Delay(latency, clock, context.RequestAborted);

        var fault = PickFault(options.NextDraw());
        if (!admitted)
        {
            RequestRecording.MarkFault(context, FaultKind.RateLimited);
            await TooManyRequests(context, retryAfter: false);
            return;
        }
        if (fault != null) RequestRecording.MarkFault(context, fault);
        switch (fault)
        {
            case null when RefusedStatus(context.Request.Path.Value ?? "") is { } refused:
                await Responder.WriteError(context, refused, refused == 404 ? "Not found" : "Request refused", refused);
                break;
            case null:
                await next(context);
                break;
            case FaultKind.TooManyRequests:
                await TooManyRequests(context, retryAfter: false);
                break;
            case FaultKind.TooManyRequestsWithRetryAfter:
                await TooManyRequests(context, retryAfter: true);
                break;
            case FaultKind.ServerError:
                await ServerError(context);
                break;
            case FaultKind.DropConnection:
                RequestRecording.MarkDropped(context);
                context.Abort();
                break;
            case FaultKind.TruncatedBody:
                await TruncatedBody(context, next);
                break;
            case FaultKind.CutJson:
                await CutJson(context, next);
                break;
            case FaultKind.ErrorWith200:
                // Some business errors arrive as HTTP 200 with an error object (NOTES §2).
                await Responder.WriteError(context, 200, "Request could not be processed", 501);
                break;
        }
    }

    private int? RefusedStatus(string path)
    {
        foreach (var (fragment, status) in options.RefusedPaths)
        {
            if (path.Contains(fragment, StringComparison.Ordinal)) return status;
        }
        return null;
    }

    private string? PickFault(double draw)
    {
        (double Fraction, string Kind)[] faults =
        [
            (options.TooManyRequestsFraction, FaultKind.TooManyRequests),
            (options.TooManyRequestsWithRetryAfterFraction, FaultKind.TooManyRequestsWithRetryAfter),
            (options.ServerErrorFraction, FaultKind.ServerError),
            (options.DropConnectionFraction, FaultKind.DropConnection),
            (options.TruncatedBodyFraction, FaultKind.TruncatedBody),
            (options.CutJsonFraction, FaultKind.CutJson),
            (options.ErrorWith200Fraction, FaultKind.ErrorWith200),
        ];
        var upTo = 0.0;
        foreach (var (fraction, kind) in faults)
        {
            upTo += fraction;
            if (draw < upTo) return kind;
        }
        return null;
    }

    /// <summary>Retry-After is not documented by Clockify (NOTES §3), so only one fault kind sends it.</summary>
    private static Task TooManyRequests(HttpContext context, bool retryAfter)
    {
        if (retryAfter) context.Response.Headers.RetryAfter = "1";
        return Responder.WriteError(context, 429, "Too many requests", 429);
    }

    /// <summary>500, 502 and 503 in turn; the gateway errors carry an HTML page as a proxy would.</summary>
    private async Task ServerError(HttpContext context)
    {
        var status = (Interlocked.Increment(ref serverErrors) % 3) switch { 1 => 500, 2 => 502, _ => 503 };
        if (status == 500)
        {
            await Responder.WriteError(context, 500, "Internal server error", 500);
            return;
        }
        var title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>");
    }

    /// <summary>Status 200 and the first half of the real body as the whole of a complete response.</summary>
    private static async Task CutJson(HttpContext context, RequestDelegate next)
    {
        var (realBody, half) = await FirstHalfOfBody(context, next);
        context.Response.ContentLength = half.Length;
        await realBody.WriteAsync(half);
    }

    /// <summary>Status 200 and the first half of the real body, then the connection is cut.</summary>
    private static async Task TruncatedBody(HttpContext context, RequestDelegate next)
    {
        var (realBody, half) = await FirstHalfOfBody(context, next);
        await realBody.WriteAsync(half);
        await realBody.FlushAsync();
        context.Abort();
    }

    /// <summary>Lets the endpoint answer into a buffer; the status becomes 200 and its first half is returned, unsent.</summary>
    private static async Task<(Stream RealBody, ReadOnlyMemory<byte> Half)> FirstHalfOfBody(HttpContext context, RequestDelegate next)
    {
        var realBody = context.Response.Body;
        var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = realBody;
        }
        context.Response.StatusCode = 200;
        return (realBody, buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)));
    }
}

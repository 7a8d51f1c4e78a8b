using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace TapClockify.Clockify;

/// <summary>
/// Turns what goes wrong on the way to Clockify into <see cref="ClockifyApiException"/>s of one line
/// each, naming the request and what to do, with Clockify's own words where its answer has them.
/// </summary>
internal static class ClockifyFailures
{
    public static ClockifyApiException NotJson(string request, string problem) =>
        new(request, 200, $"{request} returned a body that is not complete JSON ({problem.TrimEnd('.')}): check api_url and reports_url", isTransient: true);

    /// <summary>Failures that outlived every attempt become one line naming the request and what to do.</summary>
    /// <param name="send">Sends the request, counting its attempts in the box it is given.</param>
    public static async Task<T> WithClearFailuresAsync<T>(string request, Uri url, Func<StrongBox<int>, Task<T>> send)
    {
        var attempts = new StrongBox<int>();
        try
        {
            return await send(attempts);
        }
        catch (HttpRequestException unreachable)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: no answer ({unreachable.Message}) after {Attempts(attempts)}; check region or api_url and the network", isTransient: true);
        }
        catch (Exception timeout) when (timeout is Polly.Timeout.TimeoutRejectedException or IOException)
        {
            throw new ClockifyApiException(request, null,
                $"{request} to {url.Authority}: {(timeout is IOException ? "connection dropped" : "timed out")} after {Attempts(attempts)}; raise request_timeout_seconds or try again later", isTransient: true);
        }
        catch (ClockifyApiException transient) when (transient.IsTransient && attempts.Value > 1)
        {
            throw new ClockifyApiException(request, transient.Status,
                $"{transient.Message} (gave up after {Attempts(attempts)}: max_attempts, max_retry_wait_seconds)", isTransient: true,
                clockifySaid: transient.ClockifySaid);
        }
    }

    private static string Attempts(StrongBox<int> attempts) => attempts.Value == 1 ? "1 attempt" : $"{attempts.Value} attempts";

    /// <summary>Clockify's own words from an error body <c>{"message": ..., "code": ...}</c>, if it has them.</summary>
    public static string? ClockifyMessageOf(string text)
    {
        try
        {
            return MessageOf(TapJson.Parse(text));
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }

    public static string? MessageOf(JToken body) => body is JObject error && error["message"] is JValue said ? said.ToString() : null;

    /// <param name="now">When the answer came: a Retry-After date is a wait from then.</param>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta;
        if (retryAfter?.Date is { } date) return date - now is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}

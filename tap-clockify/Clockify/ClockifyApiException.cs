namespace TapClockify.Clockify;

/// <summary>
/// A request Clockify refused or answered unusably. The message is one line naming the request,
/// the HTTP status, Clockify's own message and what to do; it never holds the API key.
/// </summary>
public sealed class ClockifyApiException : Exception
{
    public ClockifyApiException(string request, int? status, string message, bool isTransient, TimeSpan? retryAfter = null, string? clockifySaid = null)
        : base(message)
    {
        Request = request;
        Status = status;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        ClockifySaid = clockifySaid;
    }

    /// <summary>Method and path with query, such as "GET workspaces/abc/users?page=2".</summary>
    public string Request { get; }
    public int? Status { get; }
    /// <summary>Worth another attempt: rate limiting, server errors, broken or non-JSON bodies.</summary>
    public bool IsTransient { get; }
    /// <summary>Clockify's own message from the error body, when it gave one.</summary>
    public string? ClockifySaid { get; }

    /// <summary>"HTTP 403" with Clockify's words: the short form, for warnings that carry on.</summary>
    public string Brief => $"HTTP {Status?.ToString() ?? "?"}" + (ClockifySaid is null ? "" : $", Clockify: \"{ClockifySaid}\"");

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static ClockifyApiException FromStatus(string request, int status, string? clockifyMessage, TimeSpan? retryAfter = null)
    {
        var said = string.IsNullOrWhiteSpace(clockifyMessage) ? "" : $" (Clockify: \"{clockifyMessage}\")";
        var advice = status switch
        {
            401 => "the API key was rejected: check api_key (Clockify: Profile settings > API); a workspace on a subdomain or in a region needs a key made there and its region or api_url",
            403 => "the API key's user may not read this: it must be an owner or admin of the workspace, and the workspace's plan must include the feature",
            404 => "not found: check the workspace id and the region or api_url",
            429 => "Clockify's rate limit was exceeded: lower max_requests_per_second; a new free workspace allows only 30 requests an hour, so use time_entries_source detailed_report there",
            >= 500 => "Clockify had a server error: try again later",
            _ => "Clockify refused the request",
        };
        var transient = status == 429 || status >= 500;
        return new ClockifyApiException(request, status, $"HTTP {status} from {request}{said}: {advice}", transient, retryAfter, clockifyMessage);
    }
}

namespace Clockify.Emulator;

/// <summary>Names recorded in <see cref="ServedRequest.Fault"/>.</summary>
public static class FaultKind
{
    /// <summary>429 from <see cref="EmulatorOptions.RateLimitPerSecond"/>.</summary>
    public const string RateLimited = "RateLimited";
    public const string TooManyRequests = "TooManyRequests";
    public const string TooManyRequestsWithRetryAfter = "TooManyRequestsWithRetryAfter";
    public const string ServerError = "ServerError";
    public const string DropConnection = "DropConnection";
    public const string TruncatedBody = "TruncatedBody";
    public const string CutJson = "CutJson";
    public const string ErrorWith200 = "ErrorWith200";
}

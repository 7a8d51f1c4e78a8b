namespace TapClockify.Clockify;

public sealed record ClockifyClientOptions
{
    public required string ApiKey { get; init; }
    public required ClockifyHosts Hosts { get; init; }
    public required string UserAgent { get; init; }
    /// <summary>Shared by every request of the run, retries included.</summary>
    public double MaxRequestsPerSecond { get; init; } = ClockifyDefaults.MaxRequestsPerSecond;
    public int MaxAttempts { get; init; } = ClockifyDefaults.MaxAttempts;
    public TimeSpan MaxRetryWait { get; init; } = ClockifyDefaults.MaxRetryWait;
    public TimeSpan RequestTimeout { get; init; } = ClockifyDefaults.RequestTimeout;
    public TimeSpan FirstRetryDelay { get; init; } = ClockifyDefaults.FirstRetryDelay;
}

public static class ClockifyDefaults
{
    /// <summary>Paid plans allow 50 a second per workspace (help center "webhook and API limitations"); stay below.</summary>
    public const double MaxRequestsPerSecond = 25;
    public const int MaxAttempts = 8;
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    /// <summary>Clockify support: page-size may be up to 5000 except on the detailed report (1000).</summary>
    public const int MaxPageSize = 5000;
    public const int MaxReportPageSize = 1000;
}

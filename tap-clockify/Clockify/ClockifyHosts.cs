namespace TapClockify.Clockify;

/// <summary>
/// Where a workspace's data lives. Global: api.clockify.me/api/v1 and reports.api.clockify.me/v1;
/// regional: {prefix}.clockify.me/api/v1 and {prefix}.clockify.me/report/v1 (the official API
/// document's "API URLs" and "Regional Server Prefixes" sections).
/// </summary>
public sealed record ClockifyHosts(Uri ApiUrl, Uri ReportsUrl)
{
    public static readonly IReadOnlyList<string> Regions = ["global", "euc1", "use2", "euw2", "apse2"];

    /// <summary>Resolves a region with optional overrides; throws ArgumentException naming the bad value.</summary>
    public static ClockifyHosts Resolve(string? region, string? apiUrl, string? reportsUrl)
    {
        region = string.IsNullOrWhiteSpace(region) ? "global" : region.Trim().ToLowerInvariant();
        if (!Regions.Contains(region))
            throw new ArgumentException($"region \"{region}\" is not one of {string.Join(", ", Regions)}");

        var api = region == "global" ? "https://api.clockify.me/api/v1" : $"https://{region}.clockify.me/api/v1";
        var reports = region == "global" ? "https://reports.api.clockify.me/v1" : $"https://{region}.clockify.me/report/v1";
        return new ClockifyHosts(
            CheckedUrl(string.IsNullOrWhiteSpace(apiUrl) ? api : apiUrl, "api_url"),
            CheckedUrl(string.IsNullOrWhiteSpace(reportsUrl) ? reports : reportsUrl, "reports_url"));
    }

    /// <summary>The key travels in a header, so anything but HTTPS is refused outside this machine.</summary>
    private static Uri CheckedUrl(string text, string setting)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
            throw new ArgumentException($"{setting} \"{text}\" is not an http(s) URL such as https://api.clockify.me/api/v1");
        if (url.Scheme == "http" && !url.IsLoopback)
            throw new ArgumentException($"{setting} \"{text}\" must use https (plain http is allowed only for loopback addresses)");
        var normalized = url.AbsoluteUri.TrimEnd('/') + "/";
        return new Uri(normalized);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace TapClockify.Clockify;

/// <summary>Request URLs from a host, a path and a query; and the endpoint a URL calls, for grouping timings.</summary>
internal static partial class ClockifyUrls
{
    public static Uri Build(ClockifyHosts hosts, ClockifyApi api, string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var root = api == ClockifyApi.Core ? hosts.ApiUrl : hosts.ReportsUrl;
        var builder = new StringBuilder(root.AbsoluteUri).Append(path.TrimStart('/'));
        var separator = '?';
        foreach (var (name, value) in query ?? [])
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return new Uri(builder.ToString());
    }

    /// <summary>The path with ids taken out, so timings of one endpoint group together.</summary>
    public static string EndpointOf(Uri url) => ObjectId().Replace(url.AbsolutePath, "{id}");

    [GeneratedRegex("[0-9a-fA-F]{24}")]
    private static partial Regex ObjectId();
}

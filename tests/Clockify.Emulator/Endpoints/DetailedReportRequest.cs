using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>The parts of <c>DetailedReportFilterV1</c> the emulator honours (NOTES §5.10).</summary>
internal sealed record DetailedReportRequest(
    DateTimeOffset RangeStart, DateTimeOffset RangeEnd, TimeZoneInfo TimeZone, int Page, int PageSize, string SortColumn, bool Descending,
    bool CalculateTotals, JObject? Users, JObject? Projects, bool? Billable, string? Description)
{
    public const int DefaultPageSize = 50;

    /// <summary>"On the Detailed report … the page-size can be set to up to 1000" (support, NOTES §4); larger is clamped.</summary>
    public const int MaxPageSize = 1000;

    private static readonly string[] SortColumns = ["ID", "DESCRIPTION", "USER", "DURATION", "DATE", "ZONED_DATE", "NATURAL", "USER_DATE"];

    /// <summary>Everything that decides which entries match and in what order: equal keys share
    /// one cached result while the caller pages through it.</summary>
    public string FilterKey(string? owner) =>
        string.Join('|', owner, RangeStart.UtcTicks, RangeEnd.UtcTicks, SortColumn, Descending,
            Users?.ToString(Newtonsoft.Json.Formatting.None), Projects?.ToString(Newtonsoft.Json.Formatting.None), Billable, Description);

    public static DetailedReportRequest Parse(string json, string? profileTimeZone)
    {
        JObject body;
        try
        {
            // Dates stay strings so their offsets (or lack of one) can be read as written.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            body = JObject.Load(reader);
        }
        catch (JsonReaderException error)
        {
            throw ApiException.BadRequest($"Malformed JSON request: {error.Message}");
        }
        var detailedFilter = body["detailedFilter"] as JObject ?? throw ApiException.BadRequest("detailedFilter is required");
        // Dates without an offset are read in timeZone, else in the user's profile zone (NOTES §5.10).
        var zone = FindZone((string?)body["timeZone"] ?? profileTimeZone ?? "Etc/UTC");
        var start = Date(body, "dateRangeStart", zone);
        var end = Date(body, "dateRangeEnd", zone);
        if (end < start) throw ApiException.BadRequest("dateRangeEnd must not be before dateRangeStart");
        var sortColumn = ((string?)detailedFilter["sortColumn"] ?? "DATE").ToUpperInvariant();
        if (!SortColumns.Contains(sortColumn)) throw ApiException.BadRequest($"Unknown sortColumn {sortColumn}");
        var pageSize = (int?)detailedFilter["pageSize"] ?? DefaultPageSize;
        if (pageSize < 1) throw ApiException.BadRequest("pageSize must be at least 1");
        return new DetailedReportRequest(
            start, end, zone,
            Page: Math.Max(1, (int?)detailedFilter["page"] ?? 1),
            PageSize: Math.Min(pageSize, MaxPageSize),
            sortColumn,
            // The spec gives no default order; newest first matches the report screen.
            Descending: !string.Equals((string?)body["sortOrder"], "ASCENDING", StringComparison.OrdinalIgnoreCase),
            CalculateTotals: !string.Equals((string?)detailedFilter["options"]?["totals"], "EXCLUDE", StringComparison.OrdinalIgnoreCase),
            body["users"] as JObject, body["projects"] as JObject, (bool?)body["billable"], (string?)body["description"]);
    }

    private static DateTimeOffset Date(JObject body, string name, TimeZoneInfo zone)
    {
        var text = (string?)body[name];
        if (string.IsNullOrEmpty(text)) throw ApiException.BadRequest($"{name} is required");
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw ApiException.BadRequest($"{name} must look like YYYY-MM-DDTHH:MM:SS.ssssssZ, got '{text}'");
        }
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, zone.GetUtcOffset(parsed))
            : new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw ApiException.BadRequest($"Unknown timeZone '{id}'");
        }
    }
}

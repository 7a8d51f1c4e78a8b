using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>POST {reports}/v1/workspaces/{ws}/reports/detailed (NOTES §5.10), served under /report/v1
/// like the regional report hosts.</summary>
internal static class DetailedReportEndpoint
{
    /// <summary>"Detailed report data on FREE subscription plan is limited to … one month (31 days)" (spec).</summary>
    private static readonly TimeSpan FreePlanMaxRange = TimeSpan.FromDays(31);

    public static void Map(WebApplication app, EmulatorDataset dataset, EmulatorOptions options)
    {
        app.MapPost("/report/v1/workspaces/{workspaceId}/reports/detailed", async (HttpContext context, string workspaceId) =>
        {
            var json = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            await Responder.Respond(context, dataset, () => Report(context, dataset, options, workspaceId, json));
        });
    }

    private static ApiResult Report(HttpContext context, EmulatorDataset dataset, EmulatorOptions options, string workspaceId, string json)
    {
        var workspace = Caller.Workspace(context, dataset, workspaceId);
        var callerId = Caller.UserId(context);
        var request = DetailedReportRequest.Parse(json, (string?)workspace.FindUser(callerId)?["settings"]?["timeZone"]);
        if (workspace.IsFreePlan && request.RangeEnd - request.RangeStart > FreePlanMaxRange)
        {
            throw ApiException.BadRequest("The FREE plan limits detailed reports to a date range of at most 31 days");
        }

        // The date range filters on the entry start, both bounds inclusive (the documented examples
        // end ranges at 23:59:59.999). Members who are not admins see only their own entries.
        var window = new StartWindow(request.RangeStart, request.RangeEnd, ToInclusive: true);
        var owner = workspace.IsAdministrator(callerId) ? null : callerId;
        var (refs, totals) = workspace.ReportCache.GetOrAdd(request.FilterKey(owner), () =>
        {
            var userFilter = UserFilter(workspace, request.Users);
            var matching = workspace.EntriesInWindow(owner, window).Where(r => userFilter(r.UserId)).ToList();
            var contentFilter = ContentFilter(request);
            if (contentFilter != null) matching = matching.Where(r => contentFilter(r.Materialize())).ToList();
            matching.Sort(Comparison(workspace, request.SortColumn));
            if (request.Descending) matching.Reverse();
            return (matching, matching.Count > 0 ? Totals(matching) : null);
        });

        if (options.ReportOmitsRunningTimers) refs = refs.Where(r => TimeEntryShape.End(r.Materialize()) is not null).ToList();
        var lookup = new ReportLookup(workspace);
        var page = refs.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize);
        var body = new JObject
        {
            ["totals"] = request.CalculateTotals && totals != null ? new JArray(totals.DeepClone()) : new JArray(),
            ["timeentries"] = new JArray(page.Select(r => ReportEntryShape.Create(lookup, r.Materialize(), request.TimeZone))),
        };
        return ApiResult.Json(body);
    }

    /// <summary>Filters that need the entry's content, or null when none is given (the common case,
    /// which then never builds the JSON of entries outside the page).</summary>
    private static Func<JObject, bool>? ContentFilter(DetailedReportRequest request)
    {
        var projectFilter = IdFilter(request.Projects);
        if (request.Projects == null && request.Billable == null && request.Description == null) return null;
        return e => projectFilter((string?)e["projectId"]) &&
            (request.Billable == null || (bool?)e["billable"] == request.Billable) &&
            (request.Description == null || ((string?)e["description"] ?? "").Contains(request.Description, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><c>users: {ids, contains, status}</c>; contains is CONTAINS (default), DOES_NOT_CONTAIN
    /// or CONTAINS_ONLY; status filters on the workspace membership (ALL by default).</summary>
    private static Func<string, bool> UserFilter(EmulatorWorkspace workspace, JObject? users)
    {
        var byId = IdFilter(users);
        var status = ((string?)users?["status"] ?? "ALL").ToUpperInvariant();
        if (status == "ALL") return userId => byId(userId);
        var statusByUser = new Dictionary<string, string?>();
        return userId =>
        {
            if (!byId(userId)) return false;
            if (!statusByUser.TryGetValue(userId, out var membership))
            {
                membership = statusByUser[userId] = workspace.WorkspaceMembershipStatus(userId);
            }
            return status == "ACTIVE_WITH_PENDING" ? membership is "ACTIVE" or "PENDING" : membership == status;
        };
    }

    /// <summary>An <c>{ids, contains}</c> filter; no ids means no filtering.</summary>
    private static Func<string?, bool> IdFilter(JObject? filter)
    {
        var ids = (filter?["ids"] as JArray)?.Values<string>().OfType<string>().ToHashSet() ?? [];
        if (ids.Count == 0) return _ => true;
        var excluding = string.Equals((string?)filter?["contains"], "DOES_NOT_CONTAIN", StringComparison.OrdinalIgnoreCase);
        return id => (id != null && ids.Contains(id)) != excluding;
    }

    /// <summary>Report order; ties fall back to start time, then id, so pages are stable.</summary>
    private static Comparison<EntryRef> Comparison(EmulatorWorkspace workspace, string sortColumn)
    {
        Func<EntryRef, IComparable?>? key = sortColumn switch
        {
            "ID" => r => r.Id,
            "DESCRIPTION" => r => (string?)r.Materialize()["description"],
            "USER" or "USER_DATE" => r => (string?)workspace.FindUser(r.UserId)?["name"],
            "DURATION" => r => r.Facts().DurationSeconds,
            _ => null,
        };
        return (a, b) =>
        {
            var byKey = key == null ? 0 : Comparer<IComparable?>.Default.Compare(key(a), key(b));
            if (byKey != 0) return byKey;
            var byStart = a.StartTicks.CompareTo(b.StartTicks);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
        };
    }

    private static JObject Totals(List<EntryRef> refs)
    {
        long totalTime = 0, billableTime = 0;
        double amount = 0;
        foreach (var entry in refs)
        {
            var facts = entry.Facts();
            totalTime += facts.DurationSeconds;
            if (facts.Billable) billableTime += facts.DurationSeconds;
            amount += facts.EarnedAmount;
        }
        return new JObject
        {
            ["_id"] = "",
            ["totalTime"] = totalTime,
            ["totalBillableTime"] = billableTime,
            ["entriesCount"] = refs.Count,
            ["totalAmount"] = Math.Round(amount, 2),
            ["amounts"] = new JArray(new JObject { ["type"] = "EARNED", ["value"] = Math.Round(amount, 2) }),
        };
    }
}

/// <summary>The workspace's entities by id, built once per report page.</summary>
internal sealed class ReportLookup(EmulatorWorkspace workspace)
{
    public Dictionary<string, JObject> Users { get; } = ById(workspace.Users);
    public Dictionary<string, JObject> Projects { get; } = ById(workspace.Projects);
    public Dictionary<string, JObject> Tasks { get; } = ById(workspace.TasksByProject.Values.SelectMany(t => t));
    public Dictionary<string, JObject> Tags { get; } = ById(workspace.Tags);
    public string Currency { get; } = workspace.Currency;

    private static Dictionary<string, JObject> ById(IEnumerable<JObject> items) => items.ToDictionary(i => (string)i["id"]!);
}

/// <summary>One <c>timeentries</c> item of the detailed report (NOTES §5.10): <c>_id</c>, names next to
/// ids, <c>tags</c> as {id, name}, integer-second durations and money as numbers in cents.</summary>
internal static class ReportEntryShape
{
    public static JObject Create(ReportLookup lookup, JObject entry, TimeZoneInfo zone)
    {
        var projectId = (string?)entry["projectId"];
        var taskId = (string?)entry["taskId"];
        var project = projectId == null ? null : lookup.Projects.GetValueOrDefault(projectId);
        var task = taskId == null ? null : lookup.Tasks.GetValueOrDefault(taskId);
        var user = lookup.Users.GetValueOrDefault((string)entry["userId"]!);
        var tagIds = (entry["tagIds"] as JArray)?.Values<string>().OfType<string>().ToList() ?? [];
        var start = TimeEntryShape.Start(entry);
        var end = TimeEntryShape.End(entry);
        var facts = EntryFacts.Of(entry);
        var costRate = EntryFacts.Amount(entry["costRate"]);
        return new JObject
        {
            ["_id"] = entry["id"]!.DeepClone(),
            ["description"] = entry["description"]!.DeepClone(),
            ["userId"] = entry["userId"]!.DeepClone(),
            ["userName"] = JsonText.OrNull((string?)user?["name"]),
            ["userEmail"] = JsonText.OrNull((string?)user?["email"]),
            ["billable"] = entry["billable"]!.DeepClone(),
            ["projectId"] = JsonText.OrNull(projectId),
            ["projectName"] = JsonText.OrNull((string?)project?["name"]),
            ["projectColor"] = JsonText.OrNull((string?)project?["color"]),
            ["clientId"] = JsonText.OrNull((string?)project?["clientId"]),
            ["clientName"] = JsonText.OrNull((string?)project?["clientName"]),
            ["taskId"] = JsonText.OrNull(taskId),
            ["taskName"] = JsonText.OrNull((string?)task?["name"]),
            ["tags"] = new JArray(tagIds.Select(id => new JObject { ["id"] = id, ["name"] = JsonText.OrNull((string?)lookup.Tags.GetValueOrDefault(id)?["name"]) })),
            ["timeInterval"] = new JObject
            {
                ["start"] = InZone(start, zone),
                ["end"] = JsonText.OrNull(end is { } stop ? InZone(stop, zone) : null),
                // The report types duration as an integer, so a running timer shows 0 here; only
                // end == null tells it is running.
                ["duration"] = facts.DurationSeconds,
            },
            ["approvalRequestId"] = null,
            ["isLocked"] = entry["isLocked"]!.DeepClone(),
            ["customFields"] = new JArray(entry["customFieldValues"]!.Select(v => new JObject
            {
                ["customFieldId"] = v["customFieldId"]!.DeepClone(),
                ["value"] = v["value"]!.DeepClone(),
            })),
            ["amount"] = facts.EarnedAmount,
            ["rate"] = facts.HourlyRateCents,
            ["earnedAmount"] = facts.EarnedAmount,
            ["earnedRate"] = facts.Billable ? facts.HourlyRateCents : 0.0,
            ["costAmount"] = Math.Round(costRate * facts.DurationSeconds / 3600.0, 2),
            ["costRate"] = costRate,
            ["currency"] = lookup.Currency,
            ["type"] = entry["type"]!.DeepClone(),
        };
    }

    /// <summary>The instant in the request's time zone with its offset ("Z" for UTC).</summary>
    private static string InZone(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.Offset == TimeSpan.Zero
            ? Timestamps.Format(instant)
            : local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}

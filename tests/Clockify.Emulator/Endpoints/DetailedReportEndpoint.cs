using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
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
        var inWindow = workspace.ReportCache.InWindow(workspace, window);
        var filter = Filter(workspace, request, owner);
        var sortKey = SortKey(workspace, request.SortColumn);
        // In the index's own order and unfiltered (what a client reading everything asks), a page is a slice of it.
        IReadOnlyList<EntryRef> refs = filter == null && sortKey == null ? inWindow : workspace.ReportCache.GetOrAdd(request.FilterKey(owner), () =>
        {
            var matching = filter == null ? inWindow.ToList() : inWindow.Where(filter).ToList();
            if (sortKey != null) matching.Sort(Comparison(sortKey));
            return matching;
        });
        var totals = request.CalculateTotals && refs.Count > 0 ? Totals(refs) : null;

        if (options.ReportOmitsRunningTimers) refs = refs.Where(r => TimeEntryShape.End(r.Materialize()) is not null).ToList();
        var lookup = new ReportLookup(workspace);
        var first = (long)(request.Page - 1) * request.PageSize;
        var count = (int)Math.Clamp(refs.Count - first, 0, request.PageSize);
        var items = Enumerable.Range((int)Math.Min(first, refs.Count), count)
            .Select(i => ReportEntryShape.Detach(workspace, lookup, refs[request.Descending ? refs.Count - 1 - i : i], request.TimeZone))
            .ToList();
        // Every value the body is written from was copied here: it is written after the dataset's lock is let go.
        return ApiResult.Written(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("totals");
            (totals != null ? new JArray(totals) : new JArray()).WriteTo(writer);
            writer.WritePropertyName("timeentries");
            writer.WriteStartArray();
            foreach (var write in items) write(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }) with { IsDetached = true };
    }

    /// <summary>Which entries of the window the request keeps, or null when it keeps them all.</summary>
    private static Func<EntryRef, bool>? Filter(EmulatorWorkspace workspace, DetailedReportRequest request, string? owner)
    {
        var userFilter = UserFilter(workspace, request.Users);
        var contentFilter = ContentFilter(request);
        if (owner == null && userFilter == null && contentFilter == null) return null;
        return r => (owner == null || r.UserId == owner) && (userFilter == null || userFilter(r.UserId)) &&
            (contentFilter == null || contentFilter(r.Materialize()));
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
    /// or CONTAINS_ONLY; status filters on the workspace membership (ALL by default). Null when it keeps every user.</summary>
    private static Func<string, bool>? UserFilter(EmulatorWorkspace workspace, JObject? users)
    {
        var byId = IdFilter(users);
        var status = ((string?)users?["status"] ?? "ALL").ToUpperInvariant();
        if (status == "ALL") return HasIds(users) ? userId => byId(userId) : null;
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

    private static bool HasIds(JObject? filter) => (filter?["ids"] as JArray)?.Values<string>().OfType<string>().Any() == true;

    /// <summary>An <c>{ids, contains}</c> filter; no ids means no filtering.</summary>
    private static Func<string?, bool> IdFilter(JObject? filter)
    {
        var ids = (filter?["ids"] as JArray)?.Values<string>().OfType<string>().ToHashSet() ?? [];
        if (ids.Count == 0) return _ => true;
        var excluding = string.Equals((string?)filter?["contains"], "DOES_NOT_CONTAIN", StringComparison.OrdinalIgnoreCase);
        return id => (id != null && ids.Contains(id)) != excluding;
    }

    /// <summary>What a sort column orders by before start and id; null for the date orders, the index's own.</summary>
    private static Func<EntryRef, IComparable?>? SortKey(EmulatorWorkspace workspace, string sortColumn) => sortColumn switch
    {
        "ID" => r => r.Id,
        "DESCRIPTION" => r => (string?)r.Materialize()["description"],
        "USER" or "USER_DATE" => r => (string?)workspace.FindUser(r.UserId)?["name"],
        "DURATION" => r => r.Facts().DurationSeconds,
        _ => null,
    };

    /// <summary>Report order; ties fall back to start time, then id, so pages are stable.</summary>
    private static Comparison<EntryRef> Comparison(Func<EntryRef, IComparable?> key) => (a, b) =>
    {
        var byKey = Comparer<IComparable?>.Default.Compare(key(a), key(b));
        return byKey != 0 ? byKey : ReportCache.InStartOrder(a, b);
    };

    private static JObject Totals(IReadOnlyList<EntryRef> refs)
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

/// <summary>
/// What report items show of the workspace's users, projects, tasks and tags, by id: copied once per
/// report page, so its items can be written without the dataset.
/// </summary>
internal sealed class ReportLookup(EmulatorWorkspace workspace)
{
    public Dictionary<string, (string? Name, string? Email)> Users { get; } =
        workspace.Users.ToDictionary(u => (string)u["id"]!, u => ((string?)u["name"], (string?)u["email"]));
    public Dictionary<string, (string? Name, string? Color, string? ClientId, string? ClientName)> Projects { get; } =
        workspace.Projects.ToDictionary(p => (string)p["id"]!, p => ((string?)p["name"], (string?)p["color"], (string?)p["clientId"], (string?)p["clientName"]));
    public Dictionary<string, string?> Tasks { get; } = workspace.TasksByProject.Values.SelectMany(t => t).ToDictionary(t => (string)t["id"]!, t => (string?)t["name"]);
    public Dictionary<string, string?> Tags { get; } = workspace.Tags.ToDictionary(t => (string)t["id"]!, t => (string?)t["name"]);
    public string Currency { get; } = workspace.Currency;
}

/// <summary>One <c>timeentries</c> item of the detailed report (NOTES §5.10): <c>_id</c>, names next to
/// ids, <c>tags</c> as {id, name}, integer-second durations and money as numbers in cents.</summary>
internal static class ReportEntryShape
{
    /// <summary>
    /// A writer of the entry's item that reads nothing of the dataset, made while its lock is held. A
    /// generated entry of the large dataset is written straight from what it is generated from, as
    /// <see cref="Create"/> would give it; a stored one is copied as its item.
    /// </summary>
    public static Action<JsonWriter> Detach(EmulatorWorkspace workspace, ReportLookup lookup, EntryRef entry, TimeZoneInfo zone)
    {
        if (entry.Stored is { } stored) return Create(lookup, stored, zone).WriteTo;
        var (draft, (hourly, cost)) = entry.Source!.Draft(entry.User, entry.Index);
        var id = entry.Id;
        var isLocked = workspace.IsLockedAt(draft.Start);
        return writer => Write(writer, lookup, id, draft, hourly, cost, isLocked, zone);
    }

    public static JObject Create(ReportLookup lookup, JObject entry, TimeZoneInfo zone)
    {
        var projectId = (string?)entry["projectId"];
        var taskId = (string?)entry["taskId"];
        var project = projectId == null ? default : lookup.Projects.GetValueOrDefault(projectId);
        var taskName = taskId == null ? null : lookup.Tasks.GetValueOrDefault(taskId);
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
            ["userName"] = JsonText.OrNull(user.Name),
            ["userEmail"] = JsonText.OrNull(user.Email),
            ["billable"] = entry["billable"]!.DeepClone(),
            ["projectId"] = JsonText.OrNull(projectId),
            ["projectName"] = JsonText.OrNull(project.Name),
            ["projectColor"] = JsonText.OrNull(project.Color),
            ["clientId"] = JsonText.OrNull(project.ClientId),
            ["clientName"] = JsonText.OrNull(project.ClientName),
            ["taskId"] = JsonText.OrNull(taskId),
            ["taskName"] = JsonText.OrNull(taskName),
            ["tags"] = new JArray(tagIds.Select(id => new JObject { ["id"] = id, ["name"] = JsonText.OrNull(lookup.Tags.GetValueOrDefault(id)) })),
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

    /// <summary>
    /// The item <see cref="Create"/> makes of the entry <see cref="TimeEntryShape.Write"/> writes from
    /// these values, written without building either: the large dataset's report pages are most of
    /// what a client reading the report waits for.
    /// </summary>
    private static void Write(JsonWriter writer, ReportLookup lookup, string id, TimeEntryDraft draft, JToken hourlyRate, JToken costRate, bool isLocked,
        TimeZoneInfo zone)
    {
        // Entries keep whole seconds (Timestamps.Format), and times and durations are read back from them.
        var start = WholeSeconds(draft.Start);
        var end = draft.End is { } stop ? WholeSeconds(stop) : (DateTimeOffset?)null;
        var seconds = end is { } finish ? (long)(finish - start).TotalSeconds : 0;
        var hourlyCents = EntryFacts.Amount(hourlyRate);
        var facts = new EntryFacts(seconds, draft.Billable, hourlyCents);
        var costCents = EntryFacts.Amount(costRate);
        var project = draft.ProjectId == null ? default : lookup.Projects.GetValueOrDefault(draft.ProjectId);
        var user = lookup.Users.GetValueOrDefault(draft.UserId);

        writer.WriteStartObject();
        Property(writer, "_id", id);
        Property(writer, "description", draft.Description);
        Property(writer, "userId", draft.UserId);
        Property(writer, "userName", user.Name);
        Property(writer, "userEmail", user.Email);
        writer.WritePropertyName("billable");
        writer.WriteValue(draft.Billable);
        Property(writer, "projectId", draft.ProjectId);
        Property(writer, "projectName", project.Name);
        Property(writer, "projectColor", project.Color);
        Property(writer, "clientId", project.ClientId);
        Property(writer, "clientName", project.ClientName);
        Property(writer, "taskId", draft.TaskId);
        Property(writer, "taskName", draft.TaskId == null ? null : lookup.Tasks.GetValueOrDefault(draft.TaskId));
        writer.WritePropertyName("tags");
        writer.WriteStartArray();
        foreach (var tagId in draft.TagIds ?? [])
        {
            writer.WriteStartObject();
            Property(writer, "id", tagId);
            Property(writer, "name", lookup.Tags.GetValueOrDefault(tagId));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WritePropertyName("timeInterval");
        writer.WriteStartObject();
        Property(writer, "start", InZone(start, zone));
        Property(writer, "end", end is { } last ? InZone(last, zone) : null);
        writer.WritePropertyName("duration");
        writer.WriteValue(seconds);
        writer.WriteEndObject();
        writer.WritePropertyName("approvalRequestId");
        writer.WriteNull();
        writer.WritePropertyName("isLocked");
        writer.WriteValue(isLocked);
        writer.WritePropertyName("customFields");
        writer.WriteStartArray();
        foreach (var value in draft.CustomFieldValues ?? [])
        {
            writer.WriteStartObject();
            writer.WritePropertyName("customFieldId");
            value["customFieldId"]!.WriteTo(writer);
            writer.WritePropertyName("value");
            value["value"]!.WriteTo(writer);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        Number(writer, "amount", facts.EarnedAmount);
        Number(writer, "rate", hourlyCents);
        Number(writer, "earnedAmount", facts.EarnedAmount);
        Number(writer, "earnedRate", draft.Billable ? hourlyCents : 0.0);
        Number(writer, "costAmount", Math.Round(costCents * seconds / 3600.0, 2));
        Number(writer, "costRate", costCents);
        Property(writer, "currency", lookup.Currency);
        Property(writer, "type", draft.Type);
        writer.WriteEndObject();
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>A string property, or a true JSON null.</summary>
    private static void Property(JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        if (value == null) writer.WriteNull();
        else writer.WriteValue(value);
    }

    private static void Number(JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
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

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Time off (TABLES-NEXT §4.8): policies (bare, paged, page-size at most 200, status default
/// ACTIVE), requests (POST only, paged in the body, {count, requests}, statuses default PENDING),
/// balances per policy ({balances, count}), holidays (bare, never paged); 403 without TIME_OFF.
/// </summary>
internal static class TimeOffEndpoints
{
    private const string Root = "/api/v1/workspaces/{workspaceId}";
    private const int MaxPageSize = 200;
    private static readonly string[] PolicyStatuses = ["ACTIVE", "ARCHIVED", "ALL"];
    private static readonly string[] RequestStatuses = ["PENDING", "APPROVED", "REJECTED", "ALL"];

    /// <summary>page-size above 200 is refused, as the document's maximum says.</summary>
    private static Paging SmallPaging(HttpContext context)
    {
        var paging = Paging.From(context);
        if (paging.PageSize > MaxPageSize) throw ApiException.BadRequest($"page-size must be less than or equal to {MaxPageSize}");
        return paging;
    }

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet($"{Root}/time-off/policies", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "TIME_OFF");
            var status = Query.Enum(context, "status", PolicyStatuses) ?? "ACTIVE";
            var policies = workspace.TimeOffPolicies.Where(p => status == "ALL" || Filters.Archived(p) == (status == "ARCHIVED")).ToList();
            var (items, isLastPage) = SmallPaging(context).Apply(policies);
            return ApiResult.Page(items, isLastPage);
        }));

        app.MapGet($"{Root}/time-off/requests", (HttpContext context) =>
            Responder.WriteError(context, 405, "Request method 'GET' is not supported", 3000));

        app.MapPost($"{Root}/time-off/requests", async (HttpContext context, string workspaceId) =>
        {
            var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await Responder.Respond(context, dataset, () =>
            {
                var workspace = PlanGate.Workspace(context, dataset, workspaceId, "TIME_OFF");
                var body = text.Length == 0 ? new JObject() : JObject.Parse(text);
                var page = Math.Max((int?)body["page"] ?? 1, 1);
                var size = (int?)body["pageSize"] ?? 50;
                if (size is < 1 or > MaxPageSize) throw ApiException.BadRequest($"pageSize must be between 1 and {MaxPageSize}");
                var statuses = body["statuses"] is JArray asked && asked.Count > 0 ? asked.Select(s => s.ToString()).ToList() : ["PENDING"];
                if (statuses.FirstOrDefault(s => !RequestStatuses.Contains(s)) is { } wrong) throw ApiException.BadRequest($"Unknown status {wrong}");
                var requests = workspace.TimeOffRequests
                    .Where(r => statuses.Contains("ALL") || statuses.Contains((string)r["status"]!["statusType"]!))
                    .ToList();
                var (items, _) = new Paging(page, size).Apply(requests);
                return ApiResult.Json(new JObject { ["count"] = requests.Count, ["requests"] = new JArray(items.Select(r => r.DeepClone())) });
            });
        });

        app.MapGet($"{Root}/time-off/balance/policy/{{policyId}}", (HttpContext context, string workspaceId, string policyId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "TIME_OFF");
            if (!workspace.TimeOffPolicies.Exists(p => (string)p["id"]! == policyId)) throw ApiException.NotFound("Policy not found");
            var balances = workspace.TimeOffBalances.Where(b => (string)b["policyId"]! == policyId).ToList();
            var (items, _) = SmallPaging(context).Apply(balances);
            return ApiResult.Json(new JObject { ["balances"] = new JArray(items.Select(b => b.DeepClone())), ["count"] = balances.Count });
        }));

        // Not paged: page-size=3 returned every holiday live.
        app.MapGet($"{Root}/holidays", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "TIME_OFF");
            var assignedTo = Query.Text(context, "assigned-to");
            return ApiResult.Array(workspace.Holidays.Where(h => assignedTo == null
                || (bool)h["everyoneIncludingNew"]! || h["userIds"]!.Values<string>().Contains(assignedTo)));
        }));
    }
}

using Newtonsoft.Json.Linq;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>GET /workspaces/{ws}/time-off/policies, a bare list; status=ALL, as its default is undocumented.</summary>
public sealed class TimeOffPoliciesStream : ClockifyStream
{
    public override string Name => "time_off_policies";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/time-off/policies";
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } = [[Query("status", "ALL")]];
    // page-size is at most 200 (official document).
    public override int? MaxPageSize => 200;
    public override string RequiredFeature => "TIME_OFF";
    protected override string ChildHole => "policy";
}

/// <summary>
/// POST /workspaces/{ws}/time-off/requests (GET answers 405), paged in its body, {count, requests}
/// (live); every status, and no date window: the period filter is not a change filter.
/// </summary>
public sealed class TimeOffRequestsStream : ClockifyStream
{
    public override string Name => "time_off_requests";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/time-off/requests";
    public override ListPaging Paging => ListPaging.PostBody;
    public override string ItemsAt => "requests";
    public override string TotalAt => "count";
    // pageSize is 1..200 (official document).
    public override int? MaxPageSize => 200;
    public override string RequiredFeature => "TIME_OFF";

    // The default of "statuses" is undocumented: ALL asks for every one.
    public override JObject BodyForPage(int page, int pageSize) => new() { ["page"] = page, ["pageSize"] = pageSize, ["statuses"] = new JArray("ALL") };
}

/// <summary>GET …/time-off/balance/policy/{policyId}, {balances, count} (live): one user's balance of one policy a row.</summary>
public sealed class TimeOffBalancesStream : ClockifyStream
{
    public override string Name => "time_off_balances";
    public override string ParentName => "time_off_policies";
    public override IReadOnlyList<string> KeyProperties => ["policyid", "userid"];
    public override string Path => "workspaces/{workspaceId}/time-off/balance/policy/{policyId}";
    public override string ItemsAt => "balances";
    public override string TotalAt => "count";
    public override int? MaxPageSize => 200;
    public override string RequiredFeature => "TIME_OFF";
    // Whether an archived policy still answers is unverified: one refused policy must not cost the others.
    public override string SkippedOnForbidden => "the policy's balances are refused (an archived policy may no longer answer)";
}

/// <summary>GET /workspaces/{ws}/holidays: a bare list served whole (page-size is ignored live).</summary>
public sealed class HolidaysStream : ClockifyStream
{
    public override string Name => "holidays";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/holidays";
    public override ListPaging Paging => ListPaging.None;
    public override string RequiredFeature => "TIME_OFF";
}

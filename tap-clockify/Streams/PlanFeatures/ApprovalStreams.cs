using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Embedded;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>
/// GET /workspaces/{ws}/approval-requests, a bare list of {approvalRequest:{...}, trackedTime, ...,
/// entries[], expenses[]} (live). The status filter takes one value, so each is a pass; requests
/// REJECTED or WITHDRAWN_SUBMISSION have no filter of their own.
/// </summary>
public sealed class ApprovalRequestsStream : ClockifyStream
{
    public override string Name => "approval_requests";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/approval-requests";
    // Sorted by id so that a walk during writes neither skips nor repeats rows.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        ((string[])["PENDING", "APPROVED", "WITHDRAWN_APPROVAL"])
        .Select(status => (IReadOnlyList<KeyValuePair<string, string>>)[Query("status", status), Query("sort-column", "ID"), Query("sort-order", "ASCENDING")])
        .ToList();
    // Each item carries its full time entries: pages stay modest.
    public override int? MaxPageSize => 200;
    public override string RequiredFeature => "APPROVAL";

    // The request's own fields are named as if they were the item's (TABLES-NEXT §3, hoisting).
    protected override ColumnNaming Naming { get; } = new(("approvalrequest__", ""));

    public override string? IdOf(JObject item) => (item["approvalRequest"] as JObject)?["id"]?.ToString();

    public static JsonFragment RequestIdOf(JObject item) => JsonFragment.FromToken((item["approvalRequest"] as JObject)?["id"]);
}

/// <summary>One row per time entry an approval request covers.</summary>
public sealed class ApprovalRequestsEntriesStream : ClockifyStream
{
    public override string Name => "approval_requests_entries";
    public override string ParentName => "approval_requests";
    public override IReadOnlyList<string> KeyProperties => ["approvalrequest_id", "timeentry_id"];

    public override IEnumerable<Row> ToRows(JObject item, PartitionContext context)
    {
        if (item["entries"] is not JArray entries) yield break;
        foreach (var entry in entries.OfType<JObject>())
        {
            yield return new Row(Layout)
            {
                ["approvalrequest_id"] = ApprovalRequestsStream.RequestIdOf(item),
                ["timeentry_id"] = JsonFragment.FromToken(entry["id"]),
                ["timeinterval_start"] = JsonFragment.FromToken((entry["timeInterval"] as JObject)?["start"]),
            };
        }
    }
}

/// <summary>One row per expense an approval request covers, with the approval status the expenses list lacks.</summary>
public sealed class ApprovalRequestsExpensesStream : EmbeddedItemsStream
{
    public override string Name => "approval_requests_expenses";
    public override string ParentName => "approval_requests";
    public override IReadOnlyList<string> KeyProperties => ["approvalrequest_id", "expense_id"];
    protected override string ItemsProperty => "expenses";
    protected override string ParentIdColumn => "approvalrequest_id";

    protected override JsonFragment ParentIdOf(JObject item) => ApprovalRequestsStream.RequestIdOf(item);

    protected override void Complete(Row row, JObject expense) => row["expense_id"] = JsonFragment.FromToken(expense["id"]);
}

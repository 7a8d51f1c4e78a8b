using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>
/// Approval requests (TABLES-NEXT §4.7): a bare paged list; `status` takes one of PENDING, APPROVED
/// and WITHDRAWN_APPROVAL, and its default is read as PENDING (the live probe without it returned a
/// pending item), so REJECTED and WITHDRAWN_SUBMISSION requests are never listed. 403 without APPROVAL.
/// </summary>
internal static class ApprovalEndpoints
{
    private static readonly string[] Statuses = ["PENDING", "APPROVED", "WITHDRAWN_APPROVAL"];

    private static readonly Sorting RequestSorting = new("START", new()
    {
        ["ID"] = r => (string?)r["approvalRequest"]!["id"],
        ["USER_ID"] = r => (string?)r["approvalRequest"]!["owner"]!["userId"],
        ["START"] = r => (string?)r["approvalRequest"]!["dateRange"]!["start"],
        ["UPDATED_AT"] = r => (string?)r["approvalRequest"]!["status"]!["updatedAt"],
    });

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/approval-requests", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "APPROVAL");
            var status = Query.Enum(context, "status", Statuses) ?? "PENDING";
            var requests = workspace.ApprovalRequests.Where(r => (string?)r["approvalRequest"]!["status"]!["state"] == status);
            var (items, isLastPage) = Paging.From(context).Apply(RequestSorting.Sort(context, requests));
            return ApiResult.Page(items, isLastPage);
        }));
    }
}

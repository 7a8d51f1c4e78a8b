using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>
/// Scheduling assignments (TABLES-NEXT §4.9): start and end are required (400 without them, live);
/// an assignment is listed when its period overlaps [start, end]; a bare paged list; 403 without SCHEDULING.
/// </summary>
internal static class SchedulingEndpoint
{
    private static readonly Sorting AssignmentSorting = new("ID", new()
    {
        ["ID"] = a => Sorting.Text(a, "id"),
        ["USER"] = a => Sorting.Text(a, "userName"),
        ["PROJECT"] = a => Sorting.Text(a, "projectName"),
    });

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/scheduling/assignments/all", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "SCHEDULING");
            var start = Query.Instant(context, "start")
                ?? throw ApiException.BadRequest("Required request parameter 'start' for method parameter type String is not present");
            var end = Query.Instant(context, "end")
                ?? throw ApiException.BadRequest("Required request parameter 'end' for method parameter type String is not present");
            var assignments = workspace.Assignments.Where(a =>
                DateTimeOffset.Parse((string)a["period"]!["start"]!) <= end && DateTimeOffset.Parse((string)a["period"]!["end"]!) >= start);
            var (items, isLastPage) = Paging.From(context).Apply(AssignmentSorting.Sort(context, assignments));
            return ApiResult.Page(items, isLastPage);
        }));
    }
}

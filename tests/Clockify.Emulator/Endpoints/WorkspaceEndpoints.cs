using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>GET /v1/workspaces and GET /v1/workspaces/{id} (NOTES §5.2).</summary>
internal static class WorkspaceEndpoints
{
    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        // Not paginated: a bare array of every workspace where the caller is an active member.
        app.MapGet("/api/v1/workspaces", (HttpContext context) => Responder.Respond(context, dataset, () =>
        {
            var userId = Caller.UserId(context);
            var roles = Query.EnumList(context, "roles", Roles.All);
            // Roles are matched exactly, so an OWNER does not pass a WORKSPACE_ADMIN filter:
            // "Owners are not counted as admins when filtering" (spec, roles parameter).
            var workspaces = dataset.Workspaces
                .Where(w => w.IsActiveMember(userId))
                .Where(w => roles.Count == 0 || roles.Any(role => w.HasRole(userId, role)))
                .Select(w => w.Workspace);
            return ApiResult.Array(workspaces);
        }));

        app.MapGet("/api/v1/workspaces/{workspaceId}", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset,
            () => ApiResult.Json(Caller.Workspace(context, dataset, workspaceId).Workspace)));
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>A member's profile in a workspace: one object, not a list (TABLES-NEXT §4.4); 404 for someone not in it.</summary>
internal static class MemberProfileEndpoint
{
    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/member-profile/{userId}", (HttpContext context, string workspaceId, string userId) =>
            Responder.Respond(context, dataset, () =>
            {
                var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
                var profile = workspace.MemberProfiles.GetValueOrDefault(userId) ?? throw ApiException.NotFound("User not found");
                return ApiResult.Json(profile.DeepClone());
            }));
    }
}

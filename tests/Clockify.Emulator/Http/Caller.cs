using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Who is calling (set by the API-key check) and what they may see.</summary>
internal static class Caller
{
    private const string UserIdItem = "Clockify.Emulator.CallerUserId";

    public static void SetUserId(HttpContext context, string userId) => context.Items[UserIdItem] = userId;

    public static string UserId(HttpContext context) => (string)context.Items[UserIdItem]!;

    /// <summary>
    /// The workspace if the caller may use it: unknown id → 404; not an ACTIVE member → 403;
    /// <paramref name="adminOnly"/> and not OWNER/WORKSPACE_ADMIN → 403 "Access Denied" (NOTES §2).
    /// </summary>
    public static EmulatorWorkspace Workspace(HttpContext context, EmulatorDataset dataset, string workspaceId, bool adminOnly = false)
    {
        var workspace = dataset.FindWorkspace(workspaceId) ?? throw ApiException.NotFound("Workspace not found");
        var userId = UserId(context);
        if (!workspace.IsActiveMember(userId)) throw ApiException.AccessDenied();
        if (adminOnly && !workspace.IsAdministrator(userId)) throw ApiException.AccessDenied();
        return workspace;
    }
}

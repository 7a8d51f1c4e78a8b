using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Plan-gated endpoints: admins only, and 403 "Access Denied" where the workspace's features lack the feature.</summary>
internal static class PlanGate
{
    public static EmulatorWorkspace Workspace(HttpContext context, EmulatorDataset dataset, string workspaceId, string feature)
    {
        var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
        // The body of a plan refusal is undocumented; the known rights refusal is used (TABLES-NEXT §3).
        if (!workspace.HasFeature(feature)) throw ApiException.AccessDenied();
        return workspace;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>GET /v1/workspaces/{ws}/users (NOTES §5.5). Admin only.</summary>
internal static class UserListEndpoint
{
    private static readonly string[] MembershipStatuses = ["PENDING", "ACTIVE", "DECLINED", "INACTIVE", "ALL"];
    private static readonly string[] AccountStatuses = ["ACTIVE", "PENDING_EMAIL_VERIFICATION", "DELETED", "NOT_REGISTERED", "LIMITED", "LIMITED_DELETED"];

    // "If not [provided], this will only filter ACTIVE, PENDING_EMAIL_VERIFICATION, and NOT_REGISTERED Users" (spec).
    private static readonly string[] DefaultAccountStatuses = ["ACTIVE", "PENDING_EMAIL_VERIFICATION", "NOT_REGISTERED"];
    private static readonly string[] MembershipKinds = ["ALL", "NONE", "WORKSPACE", "PROJECT", "USERGROUP"];

    // The spec documents EMAIL as the default sort column.
    private static readonly Sorting UserSorting = new("EMAIL", new()
    {
        ["ID"] = u => Sorting.Text(u, "id"),
        ["EMAIL"] = u => Sorting.Text(u, "email"),
        ["NAME"] = u => Sorting.Text(u, "name"),
        ["NAME_LOWERCASE"] = u => Sorting.Text(u, "name")?.ToLowerInvariant(),
    });

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/users", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
            // `status` is the workspace membership status. The spec gives no default; the emulator takes
            // the strict reading that omitting it means ACTIVE only, so deactivated and invited people
            // are listed only with status=ALL (or their own status).
            var membershipStatus = Query.Enum(context, "status", MembershipStatuses) ?? "ACTIVE";
            var accountStatuses = Query.EnumList(context, "account-statuses", AccountStatuses);
            if (accountStatuses.Count == 0) accountStatuses = [.. DefaultAccountStatuses];
            var memberships = Query.Enum(context, "memberships", MembershipKinds) ?? "NONE";
            var includeRoles = Query.Bool(context, "include-roles") == true;
            var email = Query.Text(context, "email");
            var name = Query.Text(context, "name");
            var projectId = Query.Text(context, "project-id");

            var users = workspace.Users.Where(u =>
                (membershipStatus == "ALL" || workspace.WorkspaceMembershipStatus((string)u["id"]!) == membershipStatus) &&
                accountStatuses.Contains((string?)u["status"] ?? "") &&
                (email == null || ((string?)u["email"] ?? "").Contains(email, StringComparison.OrdinalIgnoreCase)) &&
                (name == null || ((string?)u["name"] ?? "").Contains(name, StringComparison.OrdinalIgnoreCase)) &&
                (projectId == null || u["memberships"]!.Any(m => (string?)m["targetId"] == projectId)));
            var (items, isLastPage) = Paging.From(context).Apply(UserSorting.Sort(context, users));
            return ApiResult.Page(items.Select(u => Shape(workspace, u, memberships, includeRoles)), isLastPage);
        }));
    }

    /// <summary>Keeps the memberships asked for (NONE, the default, gives an empty list) and adds
    /// <c>roles</c> when <c>include-roles=true</c>.</summary>
    private static JObject Shape(EmulatorWorkspace workspace, JObject user, string memberships, bool includeRoles)
    {
        var shaped = (JObject)user.DeepClone();
        shaped["memberships"] = new JArray(user["memberships"]!
            .Where(m => memberships == "ALL" || (string?)m["membershipType"] == memberships)
            .Select(m => m.DeepClone()));
        if (includeRoles)
        {
            var roles = workspace.RolesByUserId.GetValueOrDefault((string)user["id"]!, []);
            shaped["roles"] = new JArray(roles.Select(role => new JObject
            {
                ["role"] = role,
                ["entities"] = new JArray(new JObject { ["id"] = workspace.Id, ["name"] = workspace.Name }),
            }));
        }
        return shaped;
    }
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// One workspace's data, every entity held as a <see cref="JObject"/> in the live API's JSON shape
/// (NOTES §5) so tests can compute expected rows from it. Read or change it only while holding
/// <see cref="EmulatorDataset.SyncRoot"/>, or through the mutation methods, which take that lock.
/// </summary>
public sealed partial class EmulatorWorkspace
{
    internal EmulatorWorkspace(EmulatorDataset dataset, int number, JObject workspace)
    {
        Dataset = dataset;
        Number = number;
        Workspace = workspace;
    }

    internal EmulatorDataset Dataset { get; }

    /// <summary>1-based position in <see cref="EmulatorDataset.Workspaces"/>; also the workspace byte of its ids.</summary>
    public int Number { get; }

    /// <summary>The WorkspaceDtoV1 served by GET /v1/workspaces and GET /v1/workspaces/{id}.</summary>
    public JObject Workspace { get; }

    public string Id => (string)Workspace["id"]!;
    public string Name => (string)Workspace["name"]!;

    /// <summary>The plan: top-level <c>featureSubscriptionType</c>, or the older location inside
    /// <c>workspaceSettings</c> (NOTES §5.2). "FREE" limits the detailed report to 31 days.</summary>
    public string? Plan =>
        (string?)Workspace["featureSubscriptionType"] ?? (string?)Workspace["workspaceSettings"]?["featureSubscriptionType"];

    public bool IsFreePlan => Plan == "FREE";

    /// <summary>Code of the workspace's default currency; rates are written in it.</summary>
    public string Currency =>
        (string?)Workspace["currencies"]?.FirstOrDefault(c => (bool?)c["isDefault"] == true)?["code"] ?? "USD";

    /// <summary>When set (403 or 404), the entity-changes endpoints refuse this workspace, as a plan
    /// without the feature would. The default dataset sets 403 on its FREE workspace.</summary>
    public int? EntityChangesRefusedStatus { get; set; }

    public List<JObject> Projects { get; } = [];
    public List<JObject> Clients { get; } = [];
    public List<JObject> Tags { get; } = [];
    public List<JObject> UserGroups { get; } = [];

    /// <summary>UserDtoV1 objects, each with this workspace's memberships of that user (WORKSPACE,
    /// PROJECT and USERGROUP). The same person appears in several workspaces under one id.</summary>
    public List<JObject> Users { get; } = [];

    public List<JObject> CustomFields { get; } = [];

    /// <summary>TaskDtoV1 objects keyed by project id.</summary>
    public Dictionary<string, List<JObject>> TasksByProject { get; } = [];

    /// <summary>Roles per user id: <see cref="Roles.Owner"/>, <see cref="Roles.WorkspaceAdmin"/>,
    /// <see cref="Roles.TeamManager"/>, <see cref="Roles.ProjectManager"/>.</summary>
    public Dictionary<string, List<string>> RolesByUserId { get; } = [];

    public JObject? FindUser(string userId) => Users.Find(u => (string?)u["id"] == userId);

    /// <summary>The user's WORKSPACE membership status here (PENDING, ACTIVE, DECLINED, INACTIVE), or null.</summary>
    public string? WorkspaceMembershipStatus(string userId) =>
        FindUser(userId)?["memberships"]?.Children<JObject>()
            .FirstOrDefault(m => (string?)m["membershipType"] == "WORKSPACE" && (string?)m["targetId"] == Id)?["membershipStatus"]?.ToString();

    public bool HasRole(string userId, string role) => RolesByUserId.TryGetValue(userId, out var roles) && roles.Contains(role);

    /// <summary>Owners and workspace admins may read other users' data (NOTES §2).</summary>
    public bool IsAdministrator(string userId) => HasRole(userId, Roles.Owner) || HasRole(userId, Roles.WorkspaceAdmin);

    /// <summary>Only an ACTIVE workspace member can use the workspace through the API.</summary>
    public bool IsActiveMember(string userId) => WorkspaceMembershipStatus(userId) == "ACTIVE";
}

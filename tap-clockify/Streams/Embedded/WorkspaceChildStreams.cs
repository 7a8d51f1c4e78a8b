using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.Embedded;

/// <summary>One row per currency of a workspace (live items {id, code, isDefault}).</summary>
public sealed class WorkspacesCurrenciesStream : EmbeddedItemsStream
{
    public override string Name => "workspaces_currencies";
    public override string ParentName => "workspaces";
    public override IReadOnlyList<string> KeyProperties => ["workspace_id", "id"];
    protected override string ItemsProperty => "currencies";
    protected override string ParentIdColumn => "workspace_id";
}

/// <summary>
/// One row per feature name of a workspace. Live, <c>features</c> is a list of names; the official
/// document types it as an object, so an object's properties that are true count as its names.
/// </summary>
public sealed class WorkspacesFeaturesStream : ClockifyStream
{
    public override string Name => "workspaces_features";
    public override string ParentName => "workspaces";
    public override IReadOnlyList<string> KeyProperties => ["workspace_id", "feature"];

    public override IEnumerable<Row> ToRows(JObject workspace, PartitionContext context)
    {
        var workspaceId = JsonFragment.FromToken(workspace["id"]);
        foreach (var feature in WorkspaceFeatures.Of(workspace))
        {
            yield return new Row(Layout) { ["workspace_id"] = workspaceId, ["feature"] = JsonFragment.FromString(feature) };
        }
    }
}

/// <summary>
/// One row per member of a project: live items {userId, targetId, membershipType,
/// membershipStatus, hourlyRate, costRate}, rates null when unset (TABLES-NEXT §4.3).
/// </summary>
public sealed class ProjectsMembershipsStream : EmbeddedItemsStream
{
    public override string Name => "projects_memberships";
    public override string ParentName => "projects";
    public override IReadOnlyList<string> KeyProperties => ["project_id", "userid", "membershiptype"];
    protected override string ItemsProperty => "memberships";
    protected override string ParentIdColumn => "project_id";
}

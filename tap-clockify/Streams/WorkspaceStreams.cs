using Newtonsoft.Json.Linq;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams;

/// <summary>GET /v1/workspaces, narrowed to the workspaces the run syncs (see <see cref="WorkspaceDirectory"/>).</summary>
public sealed class WorkspacesStream : ClockifyStream
{
    public override string Name => "workspaces";

    // The reference layout names workspaceSettings' fields without a prefix.
    protected override ColumnNaming Naming { get; } = new(("workspacesettings__", ""));

    public override PartitionContext ChildContext(JObject apiObject, PartitionContext context) =>
        new(apiObject["id"]!.ToString());
}

public sealed class ProjectsStream : ClockifyStream
{
    public override string Name => "projects";
    public override string ParentName => "workspaces";
    // "archived" omitted returns archived and active projects alike (official document).
    public override string Path => "workspaces/{workspaceId}/projects";
    public override PartitionContext ChildContext(JObject apiObject, PartitionContext context) =>
        context with { ProjectId = apiObject["id"]!.ToString() };
}

public sealed class TasksStream : ClockifyStream
{
    public override string Name => "tasks";
    public override string ParentName => "projects";
    public override string Path => "workspaces/{workspaceId}/projects/{projectId}/tasks";
    // is-active is a boolean filter that defaults to false, so both values are asked for.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        [[Query("is-active", "true")], [Query("is-active", "false")]];
}

public sealed class ClientsStream : ClockifyStream
{
    public override string Name => "clients";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/clients";
    // The document leaves open whether an omitted "archived" includes archived clients: ask for both.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        [[Query("archived", "false")], [Query("archived", "true")]];
}

public sealed class TagsStream : ClockifyStream
{
    public override string Name => "tags";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/tags";
    // "archived" defaults to false (official document), which would hide archived tags.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        [[Query("archived", "false")], [Query("archived", "true")]];
}

public sealed class UserGroupsStream : ClockifyStream
{
    public override string Name => "user_groups";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/user-groups";
}

public sealed class CustomFieldsStream : ClockifyStream
{
    public override string Name => "custom_fields";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/custom-fields";
    // The official document gives this list no page parameters.
    public override ListPaging Paging => ListPaging.None;
    // Custom fields are a paid-plan feature: free workspaces answer 403.
    public override string SkippedOnForbidden => "the workspace's plan may not include custom fields";
}

namespace TapClockify.Streams;

/// <summary>What a partition of a stream is for: its workspace, and its project or user where it has one.</summary>
public sealed record PartitionContext(string WorkspaceId, string? ProjectId = null, string? UserId = null)
{
    /// <summary>Fills the holes {workspaceId}, {projectId} and {userId} of a path template.</summary>
    public string FillPath(string template) => template
        .Replace("{workspaceId}", Uri.EscapeDataString(WorkspaceId))
        .Replace("{projectId}", Uri.EscapeDataString(ProjectId ?? ""))
        .Replace("{userId}", Uri.EscapeDataString(UserId ?? ""));

    public override string ToString() =>
        $"workspace {WorkspaceId}" + (ProjectId is null ? "" : $", project {ProjectId}") + (UserId is null ? "" : $", user {UserId}");
}

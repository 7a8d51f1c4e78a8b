namespace TapClockify.Streams;

/// <summary>
/// What a partition of a stream is for: its workspace, and its project, user or other parent object
/// (such as an invoice, filling the hole {invoiceId}) where it has one.
/// </summary>
public sealed record PartitionContext(string WorkspaceId, string? ProjectId = null, string? UserId = null)
{
    /// <summary>The kind of parent object (such as "invoice" or "policy"), whose id fills the path hole {kindId}.</summary>
    public string? ParentHole { get; init; }

    public string? ParentId { get; init; }

    /// <summary>Fills the holes {workspaceId}, {projectId}, {userId} and the parent's of a path template.</summary>
    public string FillPath(string template)
    {
        var path = template
            .Replace("{workspaceId}", Uri.EscapeDataString(WorkspaceId))
            .Replace("{projectId}", Uri.EscapeDataString(ProjectId ?? ""))
            .Replace("{userId}", Uri.EscapeDataString(UserId ?? ""));
        return ParentHole is null ? path : path.Replace("{" + ParentHole + "Id}", Uri.EscapeDataString(ParentId ?? ""));
    }

    public override string ToString() =>
        $"workspace {WorkspaceId}" + (ProjectId is null ? "" : $", project {ProjectId}") + (UserId is null ? "" : $", user {UserId}")
        + (ParentHole is null ? "" : $", {ParentHole} {ParentId}");
}

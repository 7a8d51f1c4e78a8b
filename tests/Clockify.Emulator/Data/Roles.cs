namespace Clockify.Emulator;

/// <summary>Workspace roles as the <c>roles</c> filter of GET /v1/workspaces names them (NOTES §5.2).</summary>
public static class Roles
{
    public const string Owner = "OWNER";
    public const string WorkspaceAdmin = "WORKSPACE_ADMIN";
    public const string TeamManager = "TEAM_MANAGER";
    public const string ProjectManager = "PROJECT_MANAGER";

    public static readonly IReadOnlyList<string> All = [Owner, WorkspaceAdmin, TeamManager, ProjectManager];
}

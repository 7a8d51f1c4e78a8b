namespace Clockify.Emulator;

/// <summary>Entity types as the entity-changes endpoints' <c>type</c> parameter names them (NOTES §7).</summary>
public static class EntityType
{
    public const string Clients = "CLIENTS";
    public const string Projects = "PROJECTS";
    public const string Tags = "TAGS";
    public const string Tasks = "TASKS";
    public const string TimeEntry = "TIME_ENTRY";
    public const string User = "USER";
    public const string UserGroups = "USER_GROUPS";

    /// <summary>Every value the spec lists; the emulator records changes for the ones above only.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Clients, Projects, Tags, Tasks, "SCHEDULED_ASSIGNMENT", TimeEntry, "TIME_ENTRY_RATE", "TIME_ENTRY_CUSTOM_FIELD_VALUE",
        "CUSTOM_FIELDS", User, UserGroups, "INVOICES", "APPROVAL_REQUESTS", "BALANCE", "HOLIDAYS", "PTO_POLICY", "TIME_OFF_REQUEST",
    ];
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>Project time estimate; <paramref name="ResetOption"/> may be null or "" live (NOTES §5.3).</summary>
public sealed record Estimate(string Value, string Type, string? ResetOption, bool Active)
{
    public static Estimate None => new("PT0S", "AUTO", null, false);
}

/// <summary>Builds clients, tags, projects, user groups, tasks and custom fields in the live shapes
/// (NOTES §5.3–5.8, §5.11); shared by the dataset builders and the mutation methods.</summary>
internal static class CatalogShape
{
    /// <summary>ClientWithCurrencyDtoV1.</summary>
    public static JObject Client(string id, EmulatorWorkspace workspace, string name, bool archived, string? address, string? email) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["archived"] = archived,
        ["address"] = JsonText.OrNull(address),
        ["note"] = archived ? "Former customer." : "",
        ["email"] = JsonText.OrNull(email),
        ["ccEmails"] = email == null ? new JArray() : new JArray($"billing@{email.Split('@')[1]}"),
        ["currencyId"] = Ids.Make(workspace.Number, Ids.Kind.Currency, 1),
        ["currencyCode"] = workspace.Currency,
    };

    /// <summary>TagDtoV1: exactly four keys live.</summary>
    public static JObject Tag(string id, EmulatorWorkspace workspace, string name, bool archived) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["archived"] = archived,
    };

    /// <summary>What a project holds; rates in integer cents, null when unset.</summary>
    public sealed record ProjectSpec(
        string Name, string? ClientId, bool Billable, long? HourlyRateCents, long? CostRateCents, string Color,
        string Duration, Estimate TimeEstimate, IReadOnlyList<string> MemberIds, bool Archived = false, bool Template = false,
        bool Public = true, string Note = "");

    /// <summary>ProjectDtoV1 with the live extras clientId, clientName, estimateReset. Members get
    /// PROJECT memberships; the second member carries the project rate as a member rate.</summary>
    public static JObject Project(string id, EmulatorWorkspace workspace, ProjectSpec spec)
    {
        var client = spec.ClientId == null ? null : workspace.Clients.Find(c => (string?)c["id"] == spec.ClientId);
        var memberships = new JArray(spec.MemberIds.Select((userId, i) =>
            UserShape.Membership(userId, id, "PROJECT", "ACTIVE", i == 1 ? spec.HourlyRateCents : null, null, workspace.Currency)));
        return new JObject
        {
            ["id"] = id,
            ["name"] = spec.Name,
            ["hourlyRate"] = UserShape.Money(spec.HourlyRateCents, workspace.Currency),
            ["costRate"] = UserShape.Money(spec.CostRateCents, workspace.Currency),
            ["clientId"] = JsonText.OrNull((string?)client?["id"]),
            ["clientName"] = JsonText.OrNull((string?)client?["name"]),
            ["workspaceId"] = workspace.Id,
            ["billable"] = spec.Billable,
            ["memberships"] = memberships,
            ["color"] = spec.Color,
            ["estimate"] = new JObject { ["estimate"] = spec.TimeEstimate.Value, ["type"] = spec.TimeEstimate.Type },
            ["archived"] = spec.Archived,
            ["duration"] = spec.Duration,
            ["note"] = spec.Note,
            ["template"] = spec.Template,
            ["public"] = spec.Public,
            ["timeEstimate"] = new JObject
            {
                ["estimate"] = spec.TimeEstimate.Value,
                ["type"] = spec.TimeEstimate.Type,
                ["resetOption"] = JsonText.OrNull(spec.TimeEstimate.ResetOption),
                ["active"] = spec.TimeEstimate.Active,
                ["includeNonBillable"] = true,
            },
            ["budgetEstimate"] = null,
            ["estimateReset"] = null,
        };
    }

    /// <summary>UserGroupDtoV1; teamManagers are {id, name} pairs.</summary>
    public static JObject UserGroup(string id, EmulatorWorkspace workspace, string name, IEnumerable<string> userIds,
        IEnumerable<(string Id, string Name)> teamManagers) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["userIds"] = new JArray(userIds),
        ["teamManagers"] = new JArray(teamManagers.Select(m => new JObject { ["id"] = m.Id, ["name"] = m.Name })),
    };

    public sealed record TaskSpec(string Name, string Status, IReadOnlyList<string> AssigneeIds, string Estimate, string Duration,
        long? HourlyRateCents = null, long? CostRateCents = null, long BudgetEstimate = 0, string? UserGroupId = null);

    /// <summary>TaskDtoV1; <c>assigneeId</c> is the deprecated single assignee, always null.</summary>
    public static JObject Task(string id, EmulatorWorkspace workspace, JObject project, TaskSpec spec) => new()
    {
        ["id"] = id,
        ["name"] = spec.Name,
        ["projectId"] = project["id"]!.DeepClone(),
        ["assigneeIds"] = new JArray(spec.AssigneeIds),
        ["assigneeId"] = null,
        ["userGroupIds"] = spec.UserGroupId == null ? new JArray() : new JArray(spec.UserGroupId),
        ["estimate"] = spec.Estimate,
        ["duration"] = spec.Duration,
        ["status"] = spec.Status,
        ["billable"] = (bool)project["billable"]!,
        ["budgetEstimate"] = spec.BudgetEstimate,
        ["hourlyRate"] = UserShape.Money(spec.HourlyRateCents, workspace.Currency),
        ["costRate"] = UserShape.Money(spec.CostRateCents, workspace.Currency),
    };

    public sealed record CustomFieldSpec(string Name, string Type, string Status, string EntityType, JToken WorkspaceDefaultValue,
        string[]? AllowedValues = null, (string ProjectId, JToken Value)[]? ProjectDefaults = null, bool Required = false);

    /// <summary>CustomFieldDtoV1; default values keep their JSON type (string, number, array, boolean, null).</summary>
    public static JObject CustomField(string id, EmulatorWorkspace workspace, CustomFieldSpec spec) => new()
    {
        ["id"] = id,
        ["name"] = spec.Name,
        ["type"] = spec.Type,
        ["allowedValues"] = new JArray(spec.AllowedValues ?? []),
        ["description"] = $"{spec.Name} ({spec.Type.ToLowerInvariant()})",
        ["placeholder"] = spec.Type == "TXT" ? "e.g. OPS-123" : "",
        ["required"] = spec.Required,
        ["onlyAdminCanEdit"] = spec.EntityType == "USER",
        ["status"] = spec.Status,
        ["entityType"] = spec.EntityType,
        ["workspaceId"] = workspace.Id,
        ["workspaceDefaultValue"] = spec.WorkspaceDefaultValue,
        ["projectDefaultValues"] = new JArray((spec.ProjectDefaults ?? []).Select(d => new JObject
        {
            ["projectId"] = d.ProjectId,
            ["status"] = "VISIBLE",
            ["value"] = d.Value,
        })),
    };
}

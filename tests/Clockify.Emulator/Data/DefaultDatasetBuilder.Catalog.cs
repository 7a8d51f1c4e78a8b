using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private static JObject Client(EmulatorWorkspace workspace, int sequence, string name, bool archived, string? address, string? email, string currency) => new()
    {
        ["id"] = Ids.Make(workspace.Number, Ids.Kind.Client, sequence),
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["archived"] = archived,
        ["address"] = address,
        ["note"] = archived ? "Former customer." : "",
        ["email"] = email,
        ["ccEmails"] = email == null ? new JArray() : new JArray($"billing@{email.Split('@')[1]}"),
        ["currencyId"] = Ids.Make(workspace.Number, Ids.Kind.Currency, 1),
        ["currencyCode"] = currency,
    };

    private static JObject Tag(EmulatorWorkspace workspace, int sequence, string name, bool archived) => new()
    {
        ["id"] = Ids.Make(workspace.Number, Ids.Kind.Tag, sequence),
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["archived"] = archived,
    };

    /// <summary>Project time estimate; <paramref name="resetOption"/> may be null or "" live (NOTES §5.3).</summary>
    private sealed record Estimate(string Value, string Type, string? ResetOption, bool Active);

    private sealed record ProjectSpec(
        string Name, int? ClientIndex, bool Billable, long? HourlyRateCents, long? CostRateCents, string Color,
        string Duration, Estimate TimeEstimate, Person[] Members, bool Archived = false, bool Template = false, bool Public = true,
        string Note = "");

    private static JObject Project(EmulatorWorkspace workspace, int sequence, ProjectSpec spec, string currency)
    {
        var id = Ids.Make(workspace.Number, Ids.Kind.Project, sequence);
        var client = spec.ClientIndex is { } clientIndex ? workspace.Clients[clientIndex] : null;
        var memberships = new JArray(spec.Members.Select((person, i) =>
            Membership(UserId(person), id, "PROJECT", "ACTIVE", i == 1 ? spec.HourlyRateCents : null, null, currency)));
        return new JObject
        {
            ["id"] = id,
            ["name"] = spec.Name,
            ["hourlyRate"] = MoneyOrNull(spec.HourlyRateCents, currency),
            ["costRate"] = MoneyOrNull(spec.CostRateCents, currency),
            ["clientId"] = (string?)client?["id"],
            ["clientName"] = (string?)client?["name"],
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
                ["resetOption"] = spec.TimeEstimate.ResetOption,
                ["active"] = spec.TimeEstimate.Active,
                ["includeNonBillable"] = true,
            },
            ["budgetEstimate"] = null,
            ["estimateReset"] = null,
        };
    }

    private static JObject UserGroup(EmulatorWorkspace workspace, int sequence, string name, Person[] members, Person[] teamManagers) => new()
    {
        ["id"] = Ids.Make(workspace.Number, Ids.Kind.UserGroup, sequence),
        ["name"] = name,
        ["workspaceId"] = workspace.Id,
        ["userIds"] = new JArray(members.Select(UserId)),
        ["teamManagers"] = new JArray(teamManagers.Select(m => new JObject { ["id"] = UserId(m), ["name"] = People[m].Name })),
    };

    private sealed record TaskSpec(string Name, string Status, Person[] Assignees, string Estimate, string Duration,
        long? HourlyRateCents = null, long? CostRateCents = null, long BudgetEstimate = 0, int? UserGroupIndex = null);

    private static void AddTasks(EmulatorWorkspace workspace, int projectIndex, string currency, params TaskSpec[] specs)
    {
        var project = workspace.Projects[projectIndex];
        var projectId = (string)project["id"]!;
        var tasks = workspace.TasksByProject.TryGetValue(projectId, out var existing) ? existing : workspace.TasksByProject[projectId] = [];
        foreach (var spec in specs)
        {
            tasks.Add(new JObject
            {
                ["id"] = Ids.Make(workspace.Number, Ids.Kind.Task, projectIndex * 100 + tasks.Count),
                ["name"] = spec.Name,
                ["projectId"] = projectId,
                ["assigneeIds"] = new JArray(spec.Assignees.Select(UserId)),
                ["assigneeId"] = null,
                ["userGroupIds"] = spec.UserGroupIndex is { } group ? new JArray(workspace.UserGroups[group]["id"]!) : new JArray(),
                ["estimate"] = spec.Estimate,
                ["duration"] = spec.Duration,
                ["status"] = spec.Status,
                ["billable"] = (bool)project["billable"]!,
                ["budgetEstimate"] = spec.BudgetEstimate,
                ["hourlyRate"] = MoneyOrNull(spec.HourlyRateCents, currency),
                ["costRate"] = MoneyOrNull(spec.CostRateCents, currency),
            });
        }
    }

    private sealed record CustomFieldSpec(string Name, string Type, string Status, string EntityType, JToken WorkspaceDefaultValue,
        string[]? AllowedValues = null, (int ProjectIndex, JToken Value)[]? ProjectDefaults = null, bool Required = false);

    private static JObject CustomField(EmulatorWorkspace workspace, int sequence, CustomFieldSpec spec) => new()
    {
        ["id"] = Ids.Make(workspace.Number, Ids.Kind.CustomField, sequence),
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
            ["projectId"] = workspace.Projects[d.ProjectIndex]["id"],
            ["status"] = "VISIBLE",
            ["value"] = d.Value,
        })),
    };
}

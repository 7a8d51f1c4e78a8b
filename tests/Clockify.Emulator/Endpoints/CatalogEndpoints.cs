using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>Projects, clients, tags, user groups, tasks and custom fields of a workspace (NOTES §5.3–5.8, §5.11).</summary>
internal static class CatalogEndpoints
{
    private const string Root = "/api/v1/workspaces/{workspaceId}";

    private static readonly Sorting ProjectSorting = new("NAME", new()
    {
        ["ID"] = p => Sorting.Text(p, "id"),
        ["NAME"] = p => Sorting.Text(p, "name"),
        ["CLIENT_NAME"] = p => Sorting.Text(p, "clientName") ?? "",
        ["DURATION"] = p => Sorting.Text(p, "duration"),
    });

    // The clients endpoint documents NAME as its default sort column.
    private static readonly Sorting ClientSorting = new("NAME", new()
    {
        ["ID"] = c => Sorting.Text(c, "id"),
        ["NAME"] = c => Sorting.Text(c, "name"),
    });

    private static readonly Sorting NameOrIdSorting = new("NAME", new()
    {
        ["ID"] = t => Sorting.Text(t, "id"),
        ["NAME"] = t => Sorting.Text(t, "name"),
    });

    private static readonly string[] CustomFieldStatuses = ["INACTIVE", "VISIBLE", "INVISIBLE"];
    private static readonly string[] CustomFieldEntityTypes = ["TIMEENTRY", "USER"];

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet($"{Root}/projects", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId);
            // "If omitted, you'll get both archived and non-archived projects" (spec, NOTES §5.3).
            var archived = Query.Bool(context, "archived");
            var billable = Query.Bool(context, "billable");
            var template = Query.Bool(context, "is-template");
            var clientIds = Query.List(context, "clients");
            var hydrated = Query.Bool(context, "hydrated") == true;
            var name = Filters.Name(context);
            var projects = workspace.Projects.Where(p =>
                (archived == null || Filters.Archived(p) == archived) &&
                (billable == null || (bool?)p["billable"] == billable) &&
                (template == null || (bool?)p["template"] == template) &&
                (clientIds.Count == 0 || clientIds.Contains((string?)p["clientId"] ?? "")) &&
                name(p));
            var (items, isLastPage) = Paging.From(context).Apply(ProjectSorting.Sort(context, projects));
            return ApiResult.Page(hydrated ? items.Select(p => Hydrate(workspace, p)) : items, isLastPage);
        }));

        app.MapGet($"{Root}/clients", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId);
            // `archived` is a free string in the spec and its default is undocumented (NOTES §5.4); the
            // emulator takes the strict reading: omitted means non-archived only, so a tap that wants
            // archived clients must ask for them with archived=true.
            var archived = Query.Bool(context, "archived") ?? false;
            var name = Filters.Name(context);
            var clients = workspace.Clients.Where(c => Filters.Archived(c) == archived && name(c));
            var (items, isLastPage) = Paging.From(context).Apply(ClientSorting.Sort(context, clients));
            return ApiResult.Page(items, isLastPage);
        }));

        app.MapGet($"{Root}/tags", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId);
            // `archived` is a boolean defaulting to false (spec), so omitting it lists non-archived tags only.
            var archived = Query.Bool(context, "archived") ?? false;
            var excluded = Query.List(context, "excluded-ids");
            var name = Filters.Name(context);
            var tags = workspace.Tags.Where(t => Filters.Archived(t) == archived && !excluded.Contains((string)t["id"]!) && name(t));
            var (items, isLastPage) = Paging.From(context).Apply(NameOrIdSorting.Sort(context, tags));
            return ApiResult.Page(items, isLastPage);
        }));

        app.MapGet($"{Root}/user-groups", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
            var name = Filters.Name(context);
            var (items, isLastPage) = Paging.From(context).Apply(NameOrIdSorting.Sort(context, workspace.UserGroups.Where(name)));
            return ApiResult.Page(items, isLastPage);
        }));

        app.MapGet($"{Root}/projects/{{projectId}}/tasks", (HttpContext context, string workspaceId, string projectId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId);
            if (!workspace.Projects.Exists(p => (string?)p["id"] == projectId)) throw ApiException.NotFound("Project not found");
            // `is-active` is a boolean flag defaulting to false, read like the other default-false
            // flags of the API (project-required, task-required): true keeps only ACTIVE tasks, while
            // false — and so an omitted flag — applies no status filter. Reading false as "DONE only"
            // would make the plain "Find tasks on a project" call hide every active task.
            var activeOnly = Query.Bool(context, "is-active") == true;
            var name = Filters.Name(context);
            var tasks = workspace.TasksByProject.GetValueOrDefault(projectId, [])
                .Where(t => (!activeOnly || (string?)t["status"] == "ACTIVE") && name(t));
            var (items, isLastPage) = Paging.From(context).Apply(NameOrIdSorting.Sort(context, tasks));
            return ApiResult.Page(items, isLastPage);
        }));

        // Not paginated: the spec gives this endpoint no page parameters. Custom fields are a paid
        // feature, so FREE workspaces answer 403 (NOTES §2, §5.11).
        app.MapGet($"{Root}/custom-fields", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
            if (workspace.IsFreePlan) throw ApiException.AccessDenied();
            var status = Query.Enum(context, "status", CustomFieldStatuses);
            var entityType = Query.Enum(context, "entity-type", CustomFieldEntityTypes);
            var name = Query.Text(context, "name");
            return ApiResult.Array(workspace.CustomFields.Where(f =>
                (status == null || (string?)f["status"] == status) &&
                (entityType == null || (string?)f["entityType"] == entityType) &&
                (name == null || ((string?)f["name"] ?? "").Contains(name, StringComparison.OrdinalIgnoreCase))));
        }));
    }

    /// <summary><c>hydrated=true</c> adds the project's custom-field values and its tasks (NOTES §5.3).</summary>
    private static JObject Hydrate(EmulatorWorkspace workspace, JObject project)
    {
        var hydrated = (JObject)project.DeepClone();
        var projectId = (string)project["id"]!;
        hydrated["customFields"] = new JArray(workspace.CustomFields.SelectMany(field => field["projectDefaultValues"]!
            .Where(d => (string?)d["projectId"] == projectId)
            .Select(d => new JObject
            {
                ["customFieldId"] = field["id"]!.DeepClone(),
                ["name"] = field["name"]!.DeepClone(),
                ["type"] = field["type"]!.DeepClone(),
                ["value"] = d["value"]!.DeepClone(),
                ["status"] = d["status"]!.DeepClone(),
            })));
        hydrated["tasks"] = new JArray(workspace.TasksByProject.GetValueOrDefault(projectId, []).Select(t => t.DeepClone()));
        return hydrated;
    }
}

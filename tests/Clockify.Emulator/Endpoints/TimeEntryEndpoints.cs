using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>GET /v1/workspaces/{ws}/user/{userId}/time-entries and the workspace's running timers (NOTES §5.9).</summary>
internal static class TimeEntryEndpoints
{
    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/user/{userId}/time-entries", (HttpContext context, string workspaceId, string userId) =>
            Responder.Respond(context, dataset, () =>
            {
                var workspace = Caller.Workspace(context, dataset, workspaceId);
                // Only owners and admins may read other users' entries (NOTES §5.9).
                if (userId != Caller.UserId(context) && !workspace.IsAdministrator(Caller.UserId(context))) throw ApiException.AccessDenied();

                // Both bounds apply to the entry's start ("started after" / "started before", NOTES §5.9).
                // The window is half-open, start <= entry.start < end, so consecutive windows that share
                // a bound neither miss nor repeat an entry starting exactly on it.
                var window = new StartWindow(Query.Instant(context, "start"), Query.Instant(context, "end"), ToInclusive: false);
                var filter = EntryFilter(context);
                var hydrated = Query.Bool(context, "hydrated") == true;
                var paging = Paging.From(context);

                var refs = workspace.EntriesInWindow(userId, window);
                if (filter != null) refs = refs.Where(r => filter(r.Materialize())).ToList();
                EntryRef.SortNewestFirst(refs);
                var (page, isLastPage) = paging.Apply(refs);
                // Written after the lock is released.
                return ApiResult.DetachedPage(TimeEntryPage.Detach(workspace, page, hydrated).WriteTo, isLastPage);
            }));

        // Running timers of the whole workspace (NOTES §5.9): 1-based pages of at most 1000, default 10;
        // the per-user list's shape. Members see their own only.
        app.MapGet("/api/v1/workspaces/{workspaceId}/time-entries/status/in-progress", (HttpContext context, string workspaceId) =>
            Responder.Respond(context, dataset, () =>
            {
                var workspace = Caller.Workspace(context, dataset, workspaceId);
                var callerId = Caller.UserId(context);
                var owner = workspace.IsAdministrator(callerId) ? null : callerId;
                var page = Query.Int(context, "page") ?? 1;
                var size = Math.Min(Query.Int(context, "page-size") ?? InProgressDefaultPageSize, InProgressMaxPageSize);
                if (size < 1) throw ApiException.BadRequest("page-size must be greater than or equal to 1");
                // Stored entries only: the large dataset's generated entries are never read this way.
                var running = workspace.TimeEntries
                    .Where(e => (owner == null || (string?)e["userId"] == owner) && TimeEntryShape.End(e) is null)
                    .OrderByDescending(TimeEntryShape.Start).ThenBy(e => (string)e["id"]!, StringComparer.Ordinal)
                    .Select(e => EntryRef.Of(e, TimeEntryShape.Start(e).UtcTicks))
                    .ToList();
                var (items, isLastPage) = new Paging(Math.Max(page, 1), size).Apply(running);
                return ApiResult.DetachedPage(TimeEntryPage.Detach(workspace, items, hydrated: false).WriteTo, isLastPage);
            }));
    }

    private const int InProgressDefaultPageSize = 10;
    private const int InProgressMaxPageSize = 1000;

    /// <summary>The optional content filters, or null when none is given. <c>in-progress</c> is a flag:
    /// true keeps only running timers; false, like omitting it, keeps everything.</summary>
    private static Func<JObject, bool>? EntryFilter(HttpContext context)
    {
        var inProgress = Query.Bool(context, "in-progress") == true;
        var description = Query.Text(context, "description");
        var project = Query.Text(context, "project");
        var task = Query.Text(context, "task");
        var tags = Query.List(context, "tags");
        var projectRequired = Query.Bool(context, "project-required") == true;
        var taskRequired = Query.Bool(context, "task-required") == true;
        if (!inProgress && description == null && project == null && task == null && tags.Count == 0 && !projectRequired && !taskRequired)
        {
            return null;
        }
        return entry =>
            (!inProgress || entry["timeInterval"]?["end"] is not JValue { Value: not null }) &&
            (description == null || ((string?)entry["description"] ?? "").Contains(description, StringComparison.OrdinalIgnoreCase)) &&
            (project == null || (string?)entry["projectId"] == project) &&
            (task == null || (string?)entry["taskId"] == task) &&
            (tags.Count == 0 || (entry["tagIds"] as JArray)?.Values<string>().Any(id => id != null && tags.Contains(id)) == true) &&
            (!projectRequired || (string?)entry["projectId"] != null) &&
            (!taskRequired || (string?)entry["taskId"] != null);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// GET /v1/workspaces/{ws}/entities/created|updated|deleted (experimental, NOTES §7), in the live
/// shape: bare arrays; created/updated items are the entity plus <c>documentCode</c> and
/// <c>auditMetadata</c>; deleted items are <c>{deletedAt, document, documentCode, id}</c>.
/// Paging is 0-based <c>page</c> with <c>limit</c> (spec defaults "0" and "50"); no Last-Page header.
/// </summary>
internal static class EntityChangesEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(30);
    private const int DefaultLimit = 50;

    public static void Map(WebApplication app, EmulatorDataset dataset, EmulatorOptions options)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/entities/{change}", (HttpContext context, string workspaceId, string change) =>
            Responder.Respond(context, dataset, () =>
            {
                if (change is not ("created" or "updated" or "deleted")) throw ApiException.NotFound("Not found");
                var workspace = Caller.Workspace(context, dataset, workspaceId, adminOnly: true);
                if (workspace.EntityChangesRefusedStatus is { } refused)
                {
                    throw refused == 403 ? ApiException.AccessDenied() : new ApiException(refused, "Not found", refused);
                }
                var types = Query.EnumList(context, "type", EntityType.All);
                if (types.Count == 0) throw ApiException.BadRequest("Required request parameter 'type' is not present", null);
                var range = Range(context, dataset.Clock.GetUtcNow());
                var page = Math.Max(0, Query.Int(context, "page") ?? 0);
                var limit = Query.Int(context, "limit") ?? DefaultLimit;
                if (limit < 1) throw ApiException.BadRequest("limit must be at least 1");
                limit = Math.Min(limit, Paging.MaxPageSize);

                IEnumerable<Action<JsonWriter>> items = change switch
                {
                    "created" => Created(workspace, types, range),
                    "updated" => Updated(workspace, types, range),
                    _ => Deleted(workspace, types, range, visibleBefore: dataset.Clock.GetUtcNow() - options.DeletionVisibilityDelay),
                };
                return ApiResult.Written(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var write in items.Skip(page * limit).Take(limit)) write(writer);
                    writer.WriteEndArray();
                });
            }));
    }

    /// <summary>A half-open window [start, end). A missing bound is set 30 days from the other, or the
    /// window ends now when both are missing (spec); windows longer than 30 days are refused.</summary>
    private static StartWindow Range(HttpContext context, DateTimeOffset now)
    {
        var start = Query.Instant(context, "start");
        var end = Query.Instant(context, "end");
        var (from, to) = (start, end) switch
        {
            ({ } s, { } e) => (s, e),
            ({ } s, null) => (s, s + MaxRange),
            (null, { } e) => (e - MaxRange, e),
            _ => (now - MaxRange, now),
        };
        if (to < from) throw ApiException.BadRequest("end must not be before start");
        if (to - from > MaxRange) throw ApiException.BadRequest("The date range must not be longer than 30 days");
        return new StartWindow(from, to, ToInclusive: false);
    }

    /// <summary>Live entities created in the window, oldest first.</summary>
    private static IEnumerable<Action<JsonWriter>> Created(EmulatorWorkspace workspace, List<string> types, StartWindow range)
    {
        var entities = LiveEntities(workspace, types);
        var stamped = workspace.Changes.Stamps
            .Where(s => types.Contains(s.Value.Type) && range.Contains(s.Value.CreatedAt.UtcTicks) && entities.ContainsKey(s.Key))
            .Select(s => (s.Value.CreatedAt.UtcTicks, s.Key, Write: Item(entities[s.Key], s.Value)));
        var synthetic = types.Contains(EntityType.TimeEntry) ? SyntheticCreated(workspace, range) : [];
        return stamped.Concat(synthetic).OrderBy(i => i.UtcTicks).ThenBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Write).ToList();
    }

    /// <summary>Entities updated in the window, except those also created in it: "If an entity is both
    /// created and updated within the requested date range, it will be excluded from the /updated
    /// endpoint results" (spec).</summary>
    private static IEnumerable<Action<JsonWriter>> Updated(EmulatorWorkspace workspace, List<string> types, StartWindow range)
    {
        var entities = LiveEntities(workspace, types);
        return workspace.Changes.Stamps
            .Where(s => types.Contains(s.Value.Type) && s.Value.UpdatedAt > s.Value.CreatedAt && range.Contains(s.Value.UpdatedAt.UtcTicks)
                && !range.Contains(s.Value.CreatedAt.UtcTicks) && entities.ContainsKey(s.Key))
            .OrderBy(s => s.Value.UpdatedAt).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Item(entities[s.Key], s.Value))
            .ToList();
    }

    /// <summary>Deletions in the window, visible only some time after they happen, and never for an
    /// entity created in the same window (both from the spec's notes on this endpoint).</summary>
    private static IEnumerable<Action<JsonWriter>> Deleted(EmulatorWorkspace workspace, List<string> types, StartWindow range, DateTimeOffset visibleBefore) =>
        workspace.Changes.Deleted
            .Where(d => types.Contains(d.Type) && range.Contains(d.DeletedAt.UtcTicks) && d.DeletedAt <= visibleBefore
                && !range.Contains(d.CreatedAt.UtcTicks))
            .OrderBy(d => d.DeletedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => (Action<JsonWriter>)(writer => new JObject
            {
                ["deletedAt"] = Timestamps.FormatWithMillis(d.DeletedAt),
                ["document"] = d.Document.DeepClone(),
                ["documentCode"] = d.Type,
                // The item's own id names the deletion record, not the entity (NOTES §7): only document._id is the entity's.
                ["id"] = Ids.DeletionRecordOf(d.Id),
            }.WriteTo(writer)))
            .ToList();

    private static Action<JsonWriter> Item(JObject entity, AuditStamp stamp) => writer =>
    {
        var item = (JObject)entity.DeepClone();
        item["documentCode"] = stamp.Type;
        item["auditMetadata"] = new JObject
        {
            ["createdAt"] = Timestamps.Format(stamp.CreatedAt),
            ["updatedAt"] = Timestamps.Format(stamp.UpdatedAt),
        };
        item.WriteTo(writer);
    };

    /// <summary>The large dataset's generated entries count as created when they ended (when they
    /// started, for a running timer); entries last under four hours, so only starts from four hours
    /// before the window can qualify.</summary>
    private static IEnumerable<(long UtcTicks, string Key, Action<JsonWriter> Write)> SyntheticCreated(EmulatorWorkspace workspace, StartWindow range)
    {
        if (workspace.Synthetic is not { } synthetic) return [];
        var candidates = new List<EntryRef>();
        synthetic.AddInWindow(null, range with { From = range.From - TimeSpan.FromHours(4) }, candidates);
        return candidates
            .Select(r => (Ref: r, CreatedAt: synthetic.CreatedAt(r.User, r.Index)))
            .Where(c => range.Contains(c.CreatedAt.UtcTicks))
            .Select(c => (c.CreatedAt.UtcTicks, c.Ref.Id, Item(c.Ref, c.CreatedAt)));

        static Action<JsonWriter> Item(EntryRef entry, DateTimeOffset createdAt) =>
            EntityChangesEndpoints.Item(entry.Materialize(), new AuditStamp(EntityType.TimeEntry, createdAt, createdAt));
    }

    /// <summary>Current entities of the requested types by id.</summary>
    private static Dictionary<string, JObject> LiveEntities(EmulatorWorkspace workspace, List<string> types)
    {
        var sources = new Dictionary<string, IEnumerable<JObject>>
        {
            [EntityType.Clients] = workspace.Clients,
            [EntityType.Projects] = workspace.Projects,
            [EntityType.Tags] = workspace.Tags,
            [EntityType.UserGroups] = workspace.UserGroups,
            [EntityType.Tasks] = workspace.TasksByProject.Values.SelectMany(t => t),
            [EntityType.User] = workspace.Users,
            [EntityType.TimeEntry] = workspace.TimeEntries,
        };
        return types.Where(sources.ContainsKey).SelectMany(t => sources[t]).ToDictionary(e => (string)e["id"]!);
    }
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

public sealed partial class EmulatorWorkspace
{
    // Ids handed out by mutations start above every id the dataset builders use.
    private long nextMutationSequence = 0x100000;

    /// <summary>Stored TimeEntryWithRatesDtoV1 objects. The large dataset generates most of its
    /// entries on the fly instead; those join this list once a mutation touches them.</summary>
    public List<JObject> TimeEntries { get; } = [];

    /// <summary>Audit times and deletion bin behind the entity-changes endpoints.</summary>
    public ChangeLog Changes { get; } = new();

    internal SyntheticTimeEntries? Synthetic { get; set; }

    internal ReportCache ReportCache => reportCache ??= new ReportCache(Changes);

    private ReportCache? reportCache;

    internal string NewId(Ids.Kind kind) => Ids.Make(Number, kind, nextMutationSequence++);

    /// <summary>Entries starting before <c>workspaceSettings.lockTimeEntries</c> are locked.</summary>
    internal bool IsLockedAt(DateTimeOffset start) => LockedBefore is { } lockedBefore && start < lockedBefore;

    /// <summary><c>workspaceSettings.lockTimeEntries</c>, or null when no entry is locked.</summary>
    internal DateTimeOffset? LockedBefore =>
        Timestamps.TryParse((string?)Workspace["workspaceSettings"]?["lockTimeEntries"], out var lockedBefore) ? lockedBefore : null;

    /// <summary>
    /// Rates an entry inherits: hourly from the user's project membership, the project, the user's
    /// workspace membership, then the workspace (entries without a project take only the user's
    /// rate); cost from the user's workspace membership, then the project.
    /// </summary>
    internal (JToken Hourly, JToken Cost) RatesFor(string userId, string? projectId)
    {
        var user = FindUser(userId);
        var workspaceMembership = user?["memberships"]?.FirstOrDefault(m => (string?)m["membershipType"] == "WORKSPACE");
        var userHourly = NonNull(workspaceMembership?["hourlyRate"]);
        var userCost = NonNull(workspaceMembership?["costRate"]);
        var project = projectId == null ? null : Projects.Find(p => (string?)p["id"] == projectId);
        if (project == null) return (Copy(userHourly), Copy(userCost));
        var projectMembership = project["memberships"]?.FirstOrDefault(m => (string?)m["userId"] == userId);
        var hourly = NonNull(projectMembership?["hourlyRate"]) ?? NonNull(project["hourlyRate"]) ?? userHourly ?? NonNull(Workspace["hourlyRate"]);
        return (Copy(hourly), Copy(userCost ?? NonNull(project["costRate"])));

        static JToken? NonNull(JToken? token) => token is { Type: not JTokenType.Null } ? token : null;
        static JToken Copy(JToken? token) => token?.DeepClone() ?? JValue.CreateNull();
    }

    /// <summary>Entries of one user (or everyone when null) whose start lies in the window, unsorted.</summary>
    internal List<EntryRef> EntriesInWindow(string? userId, StartWindow window)
    {
        var found = new List<EntryRef>();
        foreach (var entry in TimeEntries)
        {
            if (userId != null && (string?)entry["userId"] != userId) continue;
            var startTicks = TimeEntryShape.Start(entry).UtcTicks;
            if (window.Contains(startTicks)) found.Add(EntryRef.Of(entry, startTicks));
        }
        Synthetic?.AddInWindow(userId, window, found);
        return found;
    }

    /// <summary>The entry with this id, or null; a synthetic entry is stored from now on.</summary>
    public JObject? FindTimeEntry(string id)
    {
        lock (Dataset.SyncRoot)
        {
            return TimeEntries.Find(e => (string?)e["id"] == id) ?? Synthetic?.Adopt(id);
        }
    }

    /// <summary>Adds an entry (id, rates and lock flag filled in) and records its creation.</summary>
    public JObject AddTimeEntry(TimeEntryDraft draft)
    {
        lock (Dataset.SyncRoot)
        {
            var (hourly, cost) = RatesFor(draft.UserId, draft.ProjectId);
            var entry = TimeEntryShape.Create(NewId(Ids.Kind.TimeEntry), this, draft, hourly, cost);
            TimeEntries.Add(entry);
            Changes.Created(EntityType.TimeEntry, (string)entry["id"]!, Dataset.Clock.GetUtcNow());
            return entry;
        }
    }

    /// <summary>Edits any field of an entry and records the update. <c>timeInterval.duration</c> is
    /// recomputed from start and end afterwards, so edit only start/end.</summary>
    public JObject UpdateTimeEntry(string id, Action<JObject> edit)
    {
        lock (Dataset.SyncRoot)
        {
            var entry = FindTimeEntry(id) ?? throw new KeyNotFoundException($"time entry {id}");
            edit(entry);
            entry["timeInterval"] = TimeEntryShape.Interval(TimeEntryShape.Start(entry), TimeEntryShape.End(entry));
            Changes.Updated(EntityType.TimeEntry, id, Dataset.Clock.GetUtcNow());
            return entry;
        }
    }

    /// <summary>Stops a running timer at <paramref name="end"/>.</summary>
    public JObject StopTimer(string id, DateTimeOffset end) =>
        UpdateTimeEntry(id, entry => entry["timeInterval"]!["end"] = Timestamps.Format(end));

    public void DeleteTimeEntry(string id)
    {
        lock (Dataset.SyncRoot)
        {
            var entry = FindTimeEntry(id) ?? throw new KeyNotFoundException($"time entry {id}");
            TimeEntries.Remove(entry);
            Changes.Removed(EntityType.TimeEntry, id, Dataset.Clock.GetUtcNow(), DeletedTimeEntryDocument(entry));
        }
    }

    internal JObject DeletedTimeEntryDocument(JObject entry) => DeletedDocument(entry, "description", "userId", "projectId", "timeInterval");

    /// <summary>The sparse <c>document</c> of a deleted item: <c>_id</c>, <c>workspaceId</c> and a few
    /// identifying fields (NOTES §7).</summary>
    internal JObject DeletedDocument(JObject entity, params string[] fields)
    {
        var document = new JObject { ["_id"] = entity["id"]!.DeepClone(), ["workspaceId"] = Id };
        foreach (var field in fields)
        {
            if (entity[field] is { } value) document[field] = value.DeepClone();
        }
        return document;
    }
}

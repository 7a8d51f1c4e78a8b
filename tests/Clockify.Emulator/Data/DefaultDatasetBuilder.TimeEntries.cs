using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    /// <summary>Entries per person and workspace number; people not listed (and those with 0) have none.</summary>
    private static readonly Dictionary<(int Workspace, Person Person), int> EntryCounts = new()
    {
        [(1, Person.Ada)] = 60, [(1, Person.Mark)] = 45, [(1, Person.Wanda)] = 40, [(1, Person.Paul)] = 3,
        [(1, Person.Dan)] = 30, [(1, Person.Lena)] = 20, [(1, Person.Lars)] = 10, [(1, Person.Ian)] = 25,
        [(1, Person.Tess)] = 35, [(1, Person.Pete)] = 30, [(1, Person.Sam)] = 15, [(1, Person.Vera)] = 5,
        [(1, Person.Carl)] = 40,
        [(2, Person.Olga)] = 30, [(2, Person.Ada)] = 12, [(2, Person.Mark)] = 20, [(2, Person.Bea)] = 8,
        [(3, Person.Gus)] = 15, [(3, Person.Ada)] = 6, [(3, Person.Hal)] = 10,
    };

    /// <summary>Running timers (end and duration null): how long before "now" they started.</summary>
    private static readonly Dictionary<(int Workspace, Person Person), TimeSpan> RunningTimers = new()
    {
        [(1, Person.Ada)] = new TimeSpan(2, 15, 0),
        [(1, Person.Mark)] = TimeSpan.FromMinutes(40),
        [(1, Person.Tess)] = TimeSpan.FromHours(26),
        [(2, Person.Olga)] = TimeSpan.FromHours(1),
    };

    /// <summary>Adds the sample entries, the running timers, audit times for everything and two
    /// entries deleted five days before "now" so every entity-changes endpoint has data.</summary>
    private void AddTimeEntries(EmulatorWorkspace workspace)
    {
        var sequence = 0;
        foreach (var person in Enum.GetValues<Person>())
        {
            var userId = UserId(person);
            if (workspace.FindUser(userId) == null) continue;
            var drafts = SampleEntries.Drafts(workspace, userId, EntryCounts.GetValueOrDefault((workspace.Number, person)),
                seed: workspace.Number * 100 + (int)person, now);
            if (RunningTimers.TryGetValue((workspace.Number, person), out var runningFor))
            {
                drafts.Add(new TimeEntryDraft(userId, now - runningFor, null) { Description = "Timer still running" });
            }
            foreach (var draft in drafts)
            {
                var entry = StoreEntry(workspace, sequence++, draft);
                var createdAt = (draft.End ?? draft.Start) + TimeSpan.FromSeconds(90);
                workspace.Changes.Created(EntityType.TimeEntry, (string)entry["id"]!, Min(createdAt, now));
                // Every ninth entry was edited a few days after it was written, and every thirteenth
                // older one again during the last ten days, so /entities/updated has recent edits of old entries.
                var id = (string)entry["id"]!;
                if (sequence % 9 == 0) workspace.Changes.Updated(EntityType.TimeEntry, id, Min(createdAt + TimeSpan.FromDays(3), now));
                if (sequence % 13 == 0 && createdAt < now - TimeSpan.FromDays(40))
                {
                    workspace.Changes.Updated(EntityType.TimeEntry, id, now - TimeSpan.FromDays(1 + sequence % 10) - TimeSpan.FromMinutes(sequence));
                }
            }
        }
        StampCatalog(workspace);
        if (workspace.Number == 1) AddDeletedEntries(workspace, sequence);
    }

    private static JObject StoreEntry(EmulatorWorkspace workspace, int sequence, TimeEntryDraft draft)
    {
        var (hourly, cost) = workspace.RatesFor(draft.UserId, draft.ProjectId);
        var entry = TimeEntryShape.Create(Ids.Make(workspace.Number, Ids.Kind.TimeEntry, sequence), workspace, draft, hourly, cost);
        workspace.TimeEntries.Add(entry);
        return entry;
    }

    /// <summary>Catalog entities were created well before the entries; the first project and client
    /// were edited two days before "now".</summary>
    private void StampCatalog(EmulatorWorkspace workspace)
    {
        var createdAt = now - TimeSpan.FromDays(450);
        var catalog = new (string Type, IEnumerable<JObject> Items)[]
        {
            (EntityType.Clients, workspace.Clients), (EntityType.Projects, workspace.Projects), (EntityType.Tags, workspace.Tags),
            (EntityType.UserGroups, workspace.UserGroups), (EntityType.Tasks, workspace.TasksByProject.Values.SelectMany(t => t)),
            (EntityType.User, workspace.Users),
        };
        foreach (var (type, items) in catalog)
        {
            foreach (var item in items)
            {
                createdAt += TimeSpan.FromHours(1);
                workspace.Changes.Created(type, (string)item["id"]!, createdAt);
            }
        }
        foreach (var edited in workspace.Projects.Take(1).Concat(workspace.Clients.Take(1)))
        {
            var type = workspace.Projects.Contains(edited) ? EntityType.Projects : EntityType.Clients;
            workspace.Changes.Updated(type, (string)edited["id"]!, now - TimeSpan.FromDays(2));
        }
    }

    private void AddDeletedEntries(EmulatorWorkspace workspace, int sequence)
    {
        var deletedAt = now - TimeSpan.FromDays(5);
        for (var i = 0; i < 2; i++)
        {
            var start = now.UtcDateTime.Date.AddDays(-60 - i).AddHours(9);
            var entry = StoreEntry(workspace, sequence + i, new TimeEntryDraft(UserId(Person.Ada), start, start.AddHours(1))
            {
                Description = $"Deleted entry {i + 1}",
            });
            var id = (string)entry["id"]!;
            workspace.Changes.Created(EntityType.TimeEntry, id, start.AddHours(1));
            workspace.TimeEntries.Remove(entry);
            workspace.Changes.Removed(EntityType.TimeEntry, id, deletedAt.AddMinutes(i),
                workspace.DeletedTimeEntryDocument(entry));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

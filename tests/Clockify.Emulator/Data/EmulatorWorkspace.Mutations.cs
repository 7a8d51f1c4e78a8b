using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Test-side changes to the catalog and users. Each takes the dataset lock and records its audit
/// time from <see cref="EmulatorDataset.Clock"/>, which feeds the entity-changes endpoints.
/// </summary>
public sealed partial class EmulatorWorkspace
{
    public JObject AddClient(string name, bool archived = false, string? address = null) =>
        Add(EntityType.Clients, Clients, CatalogShape.Client(NewId(Ids.Kind.Client), this, name, archived, address, null));

    public JObject AddTag(string name, bool archived = false) =>
        Add(EntityType.Tags, Tags, CatalogShape.Tag(NewId(Ids.Kind.Tag), this, name, archived));

    /// <summary>Adds a project; <paramref name="memberIds"/> get PROJECT memberships on the project
    /// (users' own membership lists are left as they are).</summary>
    public JObject AddProject(string name, string? clientId = null, bool billable = true, long? hourlyRateCents = null, bool archived = false,
        IReadOnlyList<string>? memberIds = null)
    {
        lock (Dataset.SyncRoot)
        {
            var spec = new CatalogShape.ProjectSpec(name, clientId, billable, hourlyRateCents, null, "#03A9F4", "PT0S", Estimate.None,
                memberIds ?? [], Archived: archived);
            return Add(EntityType.Projects, Projects, CatalogShape.Project(NewId(Ids.Kind.Project), this, spec));
        }
    }

    public JObject AddUserGroup(string name, IEnumerable<string> userIds) =>
        Add(EntityType.UserGroups, UserGroups, CatalogShape.UserGroup(NewId(Ids.Kind.UserGroup), this, name, userIds, []));

    public void DeleteClient(string id) => Delete(EntityType.Clients, Clients, id, "name", "archived");

    public void DeleteTag(string id) => Delete(EntityType.Tags, Tags, id, "name", "archived");

    /// <summary>Deletes the project and its tasks; time entries keep their projectId.</summary>
    public void DeleteProject(string id)
    {
        lock (Dataset.SyncRoot)
        {
            Delete(EntityType.Projects, Projects, id, "name", "clientId");
            TasksByProject.Remove(id);
        }
    }

    public void DeleteUserGroup(string id) => Delete(EntityType.UserGroups, UserGroups, id, "name");

    /// <summary>Edits any field of a catalog entity or user of type <paramref name="entityType"/>
    /// (<see cref="EntityType"/>: CLIENTS, PROJECTS, TAGS, USER_GROUPS, TASKS, USER) and records the update.</summary>
    public JObject UpdateEntity(string entityType, string id, Action<JObject> edit)
    {
        lock (Dataset.SyncRoot)
        {
            var items = entityType switch
            {
                EntityType.Clients => Clients,
                EntityType.Projects => Projects,
                EntityType.Tags => Tags,
                EntityType.UserGroups => UserGroups,
                EntityType.Tasks => TasksByProject.Values.SelectMany(t => t),
                EntityType.User => Users,
                EntityType.TimeEntry => throw new ArgumentException("use UpdateTimeEntry for time entries", nameof(entityType)),
                _ => throw new ArgumentException($"unsupported entity type {entityType}", nameof(entityType)),
            };
            var entity = items.FirstOrDefault(e => (string?)e["id"] == id) ?? throw new KeyNotFoundException($"{entityType} {id}");
            edit(entity);
            Changes.Updated(entityType, id, Dataset.Clock.GetUtcNow());
            return entity;
        }
    }

    /// <summary>
    /// Adds a user to this workspace with a WORKSPACE membership of <paramref name="membershipStatus"/>
    /// and <paramref name="timeEntries"/> sample entries over the 400 days before <see cref="EmulatorDataset.Now"/>.
    /// With <paramref name="apiKey"/> the user can also call the API.
    /// </summary>
    public JObject AddUser(string name, string email, string accountStatus = "ACTIVE", string membershipStatus = "ACTIVE",
        int timeEntries = 0, string? apiKey = null)
    {
        lock (Dataset.SyncRoot)
        {
            var userId = NewId(Ids.Kind.User);
            var membership = UserShape.Membership(userId, Id, "WORKSPACE", membershipStatus, null, null, Currency);
            ((JArray)Workspace["memberships"]!).Add(membership.DeepClone());
            var user = Add(EntityType.User, Users, new JObject
            {
                ["id"] = userId,
                ["email"] = email,
                ["name"] = name,
                ["profilePicture"] = "https://img.clockify.me/no-user-image.png",
                ["activeWorkspace"] = Id,
                ["defaultWorkspace"] = Id,
                ["status"] = accountStatus,
                ["customFields"] = new JArray(),
                ["memberships"] = new JArray(membership),
                ["settings"] = UserShape.Settings("Etc/UTC", "MONDAY", Users.Count, hasSummarySettings: true),
            });
            if (apiKey != null) Dataset.UserIdsByApiKey[apiKey] = userId;
            foreach (var draft in SampleEntries.Drafts(this, userId, timeEntries, seed: StableSeed(userId), Dataset.Now))
            {
                AddTimeEntry(draft);
            }
            return user;
        }
    }

    private static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));

    private JObject Add(string entityType, List<JObject> items, JObject entity)
    {
        lock (Dataset.SyncRoot)
        {
            items.Add(entity);
            Changes.Created(entityType, (string)entity["id"]!, Dataset.Clock.GetUtcNow());
            return entity;
        }
    }

    private void Delete(string entityType, List<JObject> items, string id, params string[] documentFields)
    {
        lock (Dataset.SyncRoot)
        {
            var entity = items.Find(e => (string?)e["id"] == id) ?? throw new KeyNotFoundException($"{entityType} {id}");
            items.Remove(entity);
            Changes.Removed(entityType, id, Dataset.Clock.GetUtcNow(), DeletedDocument(entity, documentFields));
        }
    }
}

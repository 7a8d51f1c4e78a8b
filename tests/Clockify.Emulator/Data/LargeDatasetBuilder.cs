using Newtonsoft.Json.Linq;
using static Clockify.Emulator.CatalogShape;

namespace Clockify.Emulator;

/// <summary>
/// Builds <see cref="EmulatorDataset.CreateLarge"/>: one workspace with <c>users</c> people and
/// <c>entriesPerUser</c> synthetic time entries each (generated on demand, see
/// <see cref="SyntheticTimeEntries"/>). User 0 is the admin key's user (OWNER), user 1 the
/// member key's. Every tenth user from 5 on is INACTIVE in the workspace.
/// </summary>
internal sealed class LargeDatasetBuilder(int users, int entriesPerUser, DateTimeOffset now)
{
    private readonly EmulatorDataset dataset = new(now);

    public EmulatorDataset Build()
    {
        if (users < 2) throw new ArgumentOutOfRangeException(nameof(users), "the large dataset needs at least the admin and member users");
        var ws = dataset.AddWorkspace(WorkspaceShape.Create(1, "Load Test Ltd", "BUNDLE_YEAR_2024", planInsideSettings: false,
            new JObject { ["amount"] = 5000, ["currency"] = "USD" }, JValue.CreateNull(),
            new WorkspaceShape.LockSettings(JValue.CreateNull(), Timestamps.Format(now.UtcDateTime.Date.AddDays(-60)), "Etc/UTC"),
            roundMinutes: "15", "USD"));
        var userIds = Enumerable.Range(0, users).Select(i => Ids.Make(0, Ids.Kind.User, i)).ToList();
        dataset.UserIdsByApiKey[EmulatorDataset.AdminApiKey] = userIds[0];
        dataset.UserIdsByApiKey[EmulatorDataset.MemberApiKey] = userIds[1];

        for (var i = 0; i < 5; i++)
        {
            ws.Clients.Add(Client(Ids.Make(1, Ids.Kind.Client, i), ws, $"Client {i:00}", archived: i == 4, $"Street {i}", $"client{i}@load.example"));
            ws.UserGroups.Add(UserGroup(Ids.Make(1, Ids.Kind.UserGroup, i), ws, $"Group {i:00}", userIds.Where((_, u) => u % 5 == i), []));
        }
        for (var i = 0; i < 10; i++)
        {
            ws.Tags.Add(Tag(Ids.Make(1, Ids.Kind.Tag, i), ws, $"Tag {i:00}", archived: i >= 8));
        }
        for (var i = 0; i < 20; i++)
        {
            var members = userIds.Where((_, u) => u % 20 == i || u == 0).ToList();
            ws.Projects.Add(Project(Ids.Make(1, Ids.Kind.Project, i), ws, new ProjectSpec($"Project {i:00}",
                (string?)ws.Clients[i % 5]["id"], Billable: i % 3 != 0, HourlyRateCents: i % 4 == 0 ? null : 8000 + i * 100,
                CostRateCents: null, "#03A9F4", "PT0S", Estimate.None, members, Archived: i >= 18)));
        }
        for (var p = 0; p < 5; p++)
        {
            var project = ws.Projects[p];
            ws.TasksByProject[(string)project["id"]!] = Enumerable.Range(0, 3)
                .Select(t => Task(Ids.Make(1, Ids.Kind.Task, p * 100 + t), ws, project,
                    new TaskSpec($"Task {p}.{t}", t == 2 ? "DONE" : "ACTIVE", [userIds[t % users]], "PT1H", "PT0S")))
                .ToList();
        }

        for (var u = 0; u < users; u++)
        {
            AddUser(ws, userIds[u], u);
        }
        ws.RolesByUserId[userIds[0]] = [Roles.Owner];
        ws.Synthetic = new SyntheticTimeEntries(ws, userIds, entriesPerUser, now);
        var createdAt = now - TimeSpan.FromDays(450);
        foreach (var client in ws.Clients) ws.Changes.Created(EntityType.Clients, (string)client["id"]!, createdAt);
        foreach (var project in ws.Projects) ws.Changes.Created(EntityType.Projects, (string)project["id"]!, createdAt);
        foreach (var tag in ws.Tags) ws.Changes.Created(EntityType.Tags, (string)tag["id"]!, createdAt);
        return dataset;
    }

    private static void AddUser(EmulatorWorkspace ws, string userId, int index)
    {
        var membershipStatus = index >= 5 && index % 10 == 5 ? "INACTIVE" : "ACTIVE";
        var memberships = new JArray(UserShape.Membership(userId, ws.Id, "WORKSPACE", membershipStatus, index % 3 == 0 ? null : 6000 + index, null, "USD"));
        foreach (var project in ws.Projects)
        {
            var membership = project["memberships"]!.FirstOrDefault(m => (string?)m["userId"] == userId);
            if (membership != null) memberships.Add(membership.DeepClone());
        }
        ((JArray)ws.Workspace["memberships"]!).Add(memberships[0].DeepClone());
        ws.Users.Add(new JObject
        {
            ["id"] = userId,
            ["email"] = $"user{index:00000}@load.example",
            ["name"] = $"Load User {index:00000}",
            ["profilePicture"] = "https://img.clockify.me/no-user-image.png",
            ["activeWorkspace"] = ws.Id,
            ["defaultWorkspace"] = ws.Id,
            ["status"] = "ACTIVE",
            ["customFields"] = new JArray(),
            ["memberships"] = memberships,
            ["settings"] = UserShape.Settings("Etc/UTC", "MONDAY", index, hasSummarySettings: true),
        });
    }
}

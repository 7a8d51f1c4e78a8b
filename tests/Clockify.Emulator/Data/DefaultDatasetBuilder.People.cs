using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    /// <summary>Everyone in the default dataset; the number is the user id's sequence.</summary>
    private enum Person
    {
        Ada, Mark, Wanda, Paul, Nora, Dan, Lena, Lars, Dora, Ian, Tess, Pete, Sam, Vera, Nils, Carl,
        Olga, Gus, Bea, Hal,
    }

    /// <summary>Account-level facts (UserDtoV1.status is the account status, NOTES §5.1).</summary>
    private sealed record PersonFacts(string Name, string Email, string AccountStatus, string TimeZone, string WeekStart, bool HasSummarySettings = true);

    private static readonly Dictionary<Person, PersonFacts> People = new()
    {
        [Person.Ada] = new("Ada Admin", "ada.admin@acme.example", "ACTIVE", "Europe/Belgrade", "MONDAY"),
        [Person.Mark] = new("Mark Member", "mark.member@acme.example", "ACTIVE", "America/New_York", "SUNDAY"),
        [Person.Wanda] = new("Wanda Webb", "wanda.webb@acme.example", "ACTIVE", "Europe/London", "MONDAY"),
        [Person.Paul] = new("Paul Pending", "paul.pending@acme.example", "PENDING_EMAIL_VERIFICATION", "Europe/Berlin", "MONDAY"),
        [Person.Nora] = new("Nora Newcomer", "nora.newcomer@acme.example", "NOT_REGISTERED", "Etc/UTC", "MONDAY"),
        [Person.Dan] = new("Dan Departed", "dan.departed@acme.example", "DELETED", "America/Los_Angeles", "SUNDAY"),
        [Person.Lena] = new("Lena Limited", "lena.limited@acme.example", "LIMITED", "Asia/Tokyo", "MONDAY"),
        [Person.Lars] = new("Lars Limited-Gone", "lars.gone@acme.example", "LIMITED_DELETED", "Australia/Sydney", "MONDAY"),
        [Person.Dora] = new("Dora Decliner", "dora.decliner@acme.example", "ACTIVE", "Europe/Paris", "MONDAY"),
        [Person.Ian] = new("Ian Inactive", "ian.inactive@acme.example", "ACTIVE", "America/Chicago", "SUNDAY"),
        [Person.Tess] = new("Tess Teamlead", "tess.teamlead@acme.example", "ACTIVE", "America/Sao_Paulo", "MONDAY"),
        [Person.Pete] = new("Pete Projects", "pete.projects@acme.example", "ACTIVE", "Asia/Kolkata", "MONDAY"),
        [Person.Sam] = new("Sam Sparse", "sam.sparse@acme.example", "ACTIVE", "Europe/Belgrade", "MONDAY", HasSummarySettings: false),
        [Person.Vera] = new("Vera Verify", "vera.verify@acme.example", "PENDING_EMAIL_VERIFICATION", "Pacific/Auckland", "MONDAY"),
        [Person.Nils] = new("Nils Invitee", "nils.invitee@acme.example", "NOT_REGISTERED", "Etc/UTC", "MONDAY"),
        [Person.Carl] = new("Carl Costly", "carl.costly@acme.example", "ACTIVE", "America/Denver", "MONDAY"),
        [Person.Olga] = new("Olga Owner", "olga.owner@beta.example", "ACTIVE", "Europe/Madrid", "MONDAY"),
        [Person.Gus] = new("Gus Owner", "gus.owner@gamma.example", "ACTIVE", "Asia/Singapore", "MONDAY"),
        [Person.Bea] = new("Bea Former", "bea.former@beta.example", "ACTIVE", "Europe/Rome", "MONDAY"),
        [Person.Hal] = new("Hal Helper", "hal.helper@gamma.example", "ACTIVE", "Africa/Lagos", "MONDAY"),
    };

    /// <summary>How a person belongs to one workspace.</summary>
    private sealed record Seat(Person Person, string MembershipStatus, long? HourlyRateCents, long? CostRateCents = null, params string[] Roles);

    /// <summary>UserDtoV1 as GET /v1/workspaces/{ws}/users?memberships=ALL returns it (NOTES §5.1, §5.5);
    /// memberships are the ones inside this workspace.</summary>
    private static JObject UserObject(Seat seat, string homeWorkspaceId, JArray memberships, JArray customFields)
    {
        var facts = People[seat.Person];
        var index = (int)seat.Person;
        return new JObject
        {
            ["id"] = UserId(seat.Person),
            ["email"] = facts.Email,
            ["name"] = facts.Name,
            ["profilePicture"] = index % 3 == 0
                ? "https://img.clockify.me/no-user-image.png"
                : $"https://img.clockify.me/2026-01-0{1 + index % 9}/{UserId(seat.Person)}.png",
            ["activeWorkspace"] = homeWorkspaceId,
            ["defaultWorkspace"] = homeWorkspaceId,
            ["status"] = facts.AccountStatus,
            ["customFields"] = customFields,
            ["memberships"] = memberships,
            ["settings"] = UserShape.Settings(facts.TimeZone, facts.WeekStart, index, facts.HasSummarySettings),
        };
    }

    /// <summary>Adds the users of a workspace from its seats, deriving PROJECT memberships from project
    /// membership lists and USERGROUP memberships from group userIds, and fills the workspace's own
    /// <c>memberships</c> with every WORKSPACE membership.</summary>
    private static void AddUsers(EmulatorWorkspace workspace, IEnumerable<Seat> seats, Func<Person, string> homeWorkspaceOf,
        Func<Person, JArray> customFieldsOf)
    {
        var workspaceMemberships = (JArray)workspace.Workspace["memberships"]!;
        foreach (var seat in seats)
        {
            var userId = UserId(seat.Person);
            var memberships = new JArray(UserShape.Membership(userId, workspace.Id, "WORKSPACE", seat.MembershipStatus, seat.HourlyRateCents, seat.CostRateCents, workspace.Currency));
            workspaceMemberships.Add(memberships[0].DeepClone());
            foreach (var project in workspace.Projects)
            {
                var projectMembership = project["memberships"]!.Children<JObject>().FirstOrDefault(m => (string?)m["userId"] == userId);
                if (projectMembership != null) memberships.Add(projectMembership.DeepClone());
            }
            foreach (var group in workspace.UserGroups.Where(g => g["userIds"]!.Values<string>().Contains(userId)))
            {
                memberships.Add(UserShape.Membership(userId, (string)group["id"]!, "USERGROUP", "ACTIVE", null, null, workspace.Currency));
            }
            workspace.Users.Add(UserObject(seat, homeWorkspaceOf(seat.Person), memberships, customFieldsOf(seat.Person)));
            if (seat.Roles.Length > 0) workspace.RolesByUserId[userId] = [.. seat.Roles];
        }
    }
}

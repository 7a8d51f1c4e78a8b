using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Builds <see cref="EmulatorDataset.CreateDefault"/>: three workspaces and twenty people.
/// <list type="bullet">
/// <item>Workspace 1 "Acme Analytics" (admin key = OWNER): 12 projects, 7 clients, 9 tags, 3 groups,
/// 16 users covering every account status and every membership status, tasks, 6 custom fields.</item>
/// <item>Workspace 2 "Beta Bureau" (admin key = WORKSPACE_ADMIN): FREE plan written only inside
/// workspaceSettings (older shape), no automatic lock, zero hourly rate.</item>
/// <item>Workspace 3 "Gamma Guild" (admin key = plain member): admin-only lists answer 403.</item>
/// <item>Workspace 4 "Delta Depot" (admin key = OWNER): STANDARD plan (time off, invoicing, approvals;
/// no expenses, scheduling or custom fields), no time entries.</item>
/// </list>
/// Nothing is random without a fixed seed, so ids and values never change between runs.
/// </summary>
internal sealed partial class DefaultDatasetBuilder(DateTimeOffset now)
{
    private readonly EmulatorDataset dataset = new(now);

    public EmulatorDataset Build()
    {
        dataset.UserIdsByApiKey[EmulatorDataset.AdminApiKey] = UserId(Person.Ada);
        dataset.UserIdsByApiKey[EmulatorDataset.MemberApiKey] = UserId(Person.Mark);
        BuildAcme();
        BuildBeta();
        BuildGamma();
        BuildDelta();
        foreach (var workspace in dataset.Workspaces)
        {
            AddTimeEntries(workspace);
        }
        // After the time entries, which invoices import.
        AddExpenses(dataset.Workspaces[0]);
        AddInvoices(dataset.Workspaces[0],
            new("UNSENT", 12000, 250, []),
            new("SENT", 9500, 1000, [], Tax: 2500),
            new("PAID", 12000, 400, [63000], ImportedTime: true),
            new("PARTIALLY_PAID", 10000, 800, [20000, 15000], TaxType: "COMPOUND", Tax: 800),
            new("VOID", 7000, 100, []));
        AddInvoices(dataset.Workspaces[3], new("PAID", 9000, 200, [33000]), new("OVERDUE", 9000, 150, []));
        AddApprovalRequests(dataset.Workspaces[0],
            new(Person.Mark, "PENDING", 1, 3, [1]),
            new(Person.Ada, "APPROVED", 2, 2, []),
            new(Person.Wanda, "WITHDRAWN_APPROVAL", 3, 1, [2], Note: "Hours corrected"),
            new(Person.Mark, "APPROVED", 4, 0, [6]),
            new(Person.Carl, "PENDING", 2, 2, []),
            new(Person.Tess, "REJECTED", 5, 1, [], Note: "Wrong project"));
        AddApprovalRequests(dataset.Workspaces[3], new ApprovalSpec(Person.Wanda, "PENDING", 1, 0, []));
        AddTimeOff(dataset.Workspaces[0],
        [
            new("Vacation", "DAYS", false, 2.08, 5, [Person.Ada, Person.Mark, Person.Wanda, Person.Tess, Person.Carl]),
            new("Sick leave", "DAYS", false, null, null, [Person.Ada, Person.Mark, Person.Wanda]),
            new("Overtime comp", "HOURS", true, null, 8, [Person.Carl, Person.Pete]),
        ],
        [
            new(Person.Mark, 0, 20, 5, "APPROVED"),
            new(Person.Wanda, 0, 40, 3, "PENDING"),
            new(Person.Ada, 1, -30, 2, "APPROVED"),
            new(Person.Tess, 0, -10, 1, "REJECTED"),
            new(Person.Carl, 2, 5, 1, "PENDING", HalfDay: true),
        ],
        [("New Year", 200, 1, true), ("Company retreat", 45, 2, false), ("Founders day", -60, 1, true)]);
        AddTimeOff(dataset.Workspaces[3],
            [new("Leave", "DAYS", false, 1.5, null, [Person.Ada, Person.Wanda])],
            [new(Person.Wanda, 0, 10, 2, "APPROVED")],
            [("Bank holiday", 30, 1, false)]);
        AddAssignments(dataset.Workspaces[0]);
        foreach (var workspace in dataset.Workspaces) AddMemberProfiles(workspace);
        return dataset;
    }

    private static string UserId(Person person) => Ids.Make(0, Ids.Kind.User, (int)person);

    private static JObject Money(long cents, string currency = "USD") => new() { ["amount"] = cents, ["currency"] = currency };

}

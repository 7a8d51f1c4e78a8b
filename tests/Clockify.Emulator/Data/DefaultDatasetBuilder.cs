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
        AddExpenses(dataset.Workspaces[0]);
        foreach (var workspace in dataset.Workspaces)
        {
            AddTimeEntries(workspace);
        }
        return dataset;
    }

    private static string UserId(Person person) => Ids.Make(0, Ids.Kind.User, (int)person);

    private static JObject Money(long cents, string currency = "USD") => new() { ["amount"] = cents, ["currency"] = currency };

}

using Newtonsoft.Json.Linq;
using static Clockify.Emulator.CatalogShape;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private EmulatorWorkspace AddWorkspace(string name, string plan, bool planInsideSettings, JObject hourlyRate, JToken costRate,
        WorkspaceShape.LockSettings locks, string roundMinutes, string currency) =>
        dataset.AddWorkspace(WorkspaceShape.Create(dataset.Workspaces.Count + 1, name, plan, planInsideSettings, hourlyRate, costRate,
            locks, roundMinutes, currency));

    private static string Id(EmulatorWorkspace workspace, Ids.Kind kind, int sequence) => Ids.Make(workspace.Number, kind, sequence);

    private static string[] Users(params Person[] people) => people.Select(UserId).ToArray();

    private static string ClientId(EmulatorWorkspace workspace, int index) => (string)workspace.Clients[index]["id"]!;

    private static string GroupId(EmulatorWorkspace workspace, int index) => (string)workspace.UserGroups[index]["id"]!;

    private static void AddTasks(EmulatorWorkspace workspace, int projectIndex, params TaskSpec[] specs)
    {
        var project = workspace.Projects[projectIndex];
        var tasks = workspace.TasksByProject[(string)project["id"]!] = [];
        tasks.AddRange(specs.Select((spec, i) => Task(Id(workspace, Ids.Kind.Task, projectIndex * 100 + i), workspace, project, spec)));
    }

    private static void AddProjects(EmulatorWorkspace workspace, params ProjectSpec[] specs) =>
        workspace.Projects.AddRange(specs.Select((spec, i) => Project(Id(workspace, Ids.Kind.Project, i), workspace, spec)));

    /// <summary>Workspace 1: the admin key's own workspace, with every shape the tap must handle.</summary>
    private void BuildAcme()
    {
        var lockDate = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-120).AddHours(-1), TimeSpan.Zero);
        var automaticLock = new JObject
        {
            ["changeDay"] = "FRIDAY", ["dayOfMonth"] = 15, ["firstDay"] = "MONDAY",
            ["olderThanPeriod"] = "DAYS", ["olderThanValue"] = 5, ["type"] = "WEEKLY",
        };
        var ws = AddWorkspace("Acme Analytics", "BUNDLE_YEAR_2024", planInsideSettings: false, Money(2000), Money(20000),
            new WorkspaceShape.LockSettings(automaticLock, Timestamps.Format(lockDate), "Europe/Belgrade"), roundMinutes: "15", "USD");

        ws.Clients.AddRange(
        [
            Client(Id(ws, Ids.Kind.Client, 0), ws, "Acme Corp", false, "1 Main Street, Springfield", "ap@acme-corp.example"),
            Client(Id(ws, Ids.Kind.Client, 1), ws, "Blue Harbor Ltd", false, "Harbor Road 7, Portsmouth", "finance@blueharbor.example"),
            Client(Id(ws, Ids.Kind.Client, 2), ws, "Cobalt Systems", false, null, null),
            Client(Id(ws, Ids.Kind.Client, 3), ws, "Delta Research", false, "Science Park 3, Delft", "office@delta.example"),
            Client(Id(ws, Ids.Kind.Client, 4), ws, "Evergreen Health", false, "", "billing@evergreen.example"),
            Client(Id(ws, Ids.Kind.Client, 5), ws, "Foxtrot Retail", true, "Market Square 12, Leeds", null),
            Client(Id(ws, Ids.Kind.Client, 6), ws, "Granite Bank", true, "Stone Avenue 99, Aberdeen", "it@granite.example"),
        ]);
        string[] tagNames = ["Backend", "Bug", "Design", "Frontend", "Meeting", "Overtime", "Q1-2025", "Remote", "Legacy"];
        ws.Tags.AddRange(tagNames.Select((name, i) => Tag(Id(ws, Ids.Kind.Tag, i), ws, name, archived: i is 5 or 6 or 8)));
        ws.UserGroups.AddRange(
        [
            UserGroup(Id(ws, Ids.Kind.UserGroup, 0), ws, "Developers", Users(Person.Ada, Person.Mark, Person.Wanda, Person.Carl), [Manager(Person.Tess)]),
            UserGroup(Id(ws, Ids.Kind.UserGroup, 1), ws, "Leads", Users(Person.Wanda, Person.Tess, Person.Pete, Person.Dan), []),
            UserGroup(Id(ws, Ids.Kind.UserGroup, 2), ws, "Alumni", [], []),
        ]);
        AddProjects(ws,
            new("Apollo Platform", ClientId(ws, 0), true, 12000, null, "#03A9F4", "PT12H30M", Estimate.None,
                Users(Person.Ada, Person.Mark, Person.Wanda, Person.Tess, Person.Pete, Person.Carl), Note: "Main product build."),
            new("Billing Revamp", ClientId(ws, 1), true, 9500, 4000, "#8BC34A", "PT40H", new("PT0S", "AUTO", "", false),
                Users(Person.Ada, Person.Wanda, Person.Sam)),
            new("Internal Ops", null, false, null, null, "#9E9E9E", "PT3H15M", Estimate.None, Users(Person.Ada, Person.Ian)),
            new("Legacy Migration", ClientId(ws, 2), true, 10000, null, "#795548", "PT100H", Estimate.None, Users(Person.Dan, Person.Lars),
                Archived: true),
            new("Old Website", ClientId(ws, 5), false, 0, null, "#607D8B", "PT0S", Estimate.None, [], Archived: true, Public: false),
            new("Project Template", ClientId(ws, 0), true, 12000, null, "#FF9800", "PT0S", Estimate.None, [], Template: true, Public: false),
            new("Research Lab", ClientId(ws, 3), false, null, null, "#673AB7", "PT22H5M30S", new("PT40H", "MANUAL", "MONTHLY", true),
                Users(Person.Pete, Person.Lena, Person.Vera)),
            new("Support Desk", ClientId(ws, 4), true, 7000, 3000, "#E91E63", "PT7H45M", new("PT10H", "MANUAL", "WEEKLY", true),
                Users(Person.Mark, Person.Tess, Person.Paul)),
            new("Data Warehouse", ClientId(ws, 0), true, 15000, 6000, "#009688", "PT1H", Estimate.None, Users(Person.Carl, Person.Ada)),
            new("Mobile App", ClientId(ws, 1), true, 11000, null, "#3F51B5", "PT18H", new("PT100H", "MANUAL", null, false),
                Users(Person.Mark, Person.Sam)),
            new("Kiosk Pilot", null, false, null, null, "#CDDC39", "PT45M", Estimate.None, Users(Person.Lena), Public: false),
            new("Analytics Consulting", ClientId(ws, 3), true, 13500, null, "#FF5722", "PT2H", new("PT20H", "MANUAL", "YEARLY", true),
                Users(Person.Pete, Person.Wanda)));

        AddBudgets(ws);

        AddTasks(ws, 0,
            new TaskSpec("Architecture", "ACTIVE", Users(Person.Wanda), "PT10H", "PT6H30M"),
            new TaskSpec("Bugfixing", "ACTIVE", Users(Person.Ada, Person.Mark), "PT1H30M", "PT4H15M", HourlyRateCents: 13000, BudgetEstimate: 10000,
                UserGroupId: GroupId(ws, 0)),
            new TaskSpec("Code review", "DONE", [], "PT0S", "PT1H45M"),
            new TaskSpec("Deployment", "ACTIVE", Users(Person.Carl), "PT2H", "PT0S", CostRateCents: 5000));
        AddTasks(ws, 1,
            new TaskSpec("Invoices API", "ACTIVE", Users(Person.Wanda, Person.Sam), "PT8H", "PT3H"),
            new TaskSpec("Tax rules", "DONE", Users(Person.Ada), "PT4H", "PT5H20M", HourlyRateCents: 9000, CostRateCents: 4500));
        AddTasks(ws, 3, new TaskSpec("Data export", "DONE", Users(Person.Dan), "PT16H", "PT20H"));
        AddTasks(ws, 6,
            new TaskSpec("Literature review", "DONE", Users(Person.Pete), "PT12H", "PT11H"),
            new TaskSpec("Prototype", "ACTIVE", Users(Person.Lena, Person.Vera), "PT30H", "PT9H"));
        AddTasks(ws, 7, new TaskSpec("Triage", "ACTIVE", Users(Person.Mark, Person.Paul), "PT0S", "PT7H45M", UserGroupId: GroupId(ws, 1)));

        var apollo = (string)ws.Projects[0]["id"]!;
        var billing = (string)ws.Projects[1]["id"]!;
        CustomFieldSpec[] fields =
        [
            new("Ticket", "TXT", "VISIBLE", "TIMEENTRY", ""),
            new("Effort points", "NUMBER", "INVISIBLE", "TIMEENTRY", 0, ProjectDefaults: [(apollo, 3)]),
            new("Phase", "DROPDOWN_SINGLE", "VISIBLE", "TIMEENTRY", "Build", ["Discovery", "Build", "Run"], [(billing, "Discovery")], Required: true),
            new("Skills", "DROPDOWN_MULTIPLE", "VISIBLE", "TIMEENTRY", new JArray("SQL"), ["SQL", "C#", "Design"]),
            new("Overtime approved", "CHECKBOX", "INACTIVE", "TIMEENTRY", false),
            new("Profile link", "LINK", "VISIBLE", "USER", JValue.CreateNull()),
        ];
        ws.CustomFields.AddRange(fields.Select((spec, i) => CustomField(Id(ws, Ids.Kind.CustomField, i), ws, spec)));

        Seat[] seats =
        [
            new(Person.Ada, "ACTIVE", 10500, null, Roles.Owner),
            new(Person.Mark, "ACTIVE", null),
            new(Person.Wanda, "ACTIVE", 9000, null, Roles.WorkspaceAdmin),
            new(Person.Paul, "PENDING", null),
            new(Person.Nora, "PENDING", null),
            new(Person.Dan, "INACTIVE", 8000),
            new(Person.Lena, "ACTIVE", 2500),
            new(Person.Lars, "INACTIVE", null),
            new(Person.Dora, "DECLINED", null),
            new(Person.Ian, "INACTIVE", 6000),
            new(Person.Tess, "ACTIVE", 9900, null, Roles.TeamManager),
            new(Person.Pete, "ACTIVE", 9900, null, Roles.ProjectManager),
            new(Person.Sam, "ACTIVE", 0),
            new(Person.Vera, "ACTIVE", null),
            new(Person.Nils, "INACTIVE", null),
            new(Person.Carl, "ACTIVE", 15000, 7000),
        ];
        var profileLinkField = ws.CustomFields[5];
        AddUsers(ws, seats, _ => ws.Id, person => person is Person.Ada or Person.Carl
            ? new JArray(new JObject
            {
                ["customFieldId"] = profileLinkField["id"],
                ["customFieldName"] = profileLinkField["name"],
                ["customFieldType"] = "LINK",
                ["userId"] = UserId(person),
                ["value"] = $"https://people.acme.example/{People[person].Email.Split('@')[0]}",
            })
            : new JArray());
    }

    /// <summary>Workspace 2: FREE plan in the older settings-only shape, no automatic lock.</summary>
    private void BuildBeta()
    {
        var ws = AddWorkspace("Beta Bureau", "FREE", planInsideSettings: true, Money(0, "EUR"), JValue.CreateNull(),
            new WorkspaceShape.LockSettings(JValue.CreateNull(), null, null), roundMinutes: "0", "EUR");
        ws.EntityChangesRefusedStatus = 403;
        ws.Clients.AddRange(
        [
            Client(Id(ws, Ids.Kind.Client, 0), ws, "Beta Client One", false, "Calle Mayor 1, Madrid", "one@betaclient.example"),
            Client(Id(ws, Ids.Kind.Client, 1), ws, "Beta Client Two", false, null, null),
            Client(Id(ws, Ids.Kind.Client, 2), ws, "Beta Old Client", true, "Via Roma 5, Rome", null),
        ]);
        string[] tagNames = ["Urgent", "Later", "Admin", "Old"];
        ws.Tags.AddRange(tagNames.Select((name, i) => Tag(Id(ws, Ids.Kind.Tag, i), ws, name, archived: i == 3)));
        ws.UserGroups.Add(UserGroup(Id(ws, Ids.Kind.UserGroup, 0), ws, "Beta Team", Users(Person.Olga, Person.Ada, Person.Mark), [Manager(Person.Olga)]));
        AddProjects(ws,
            new("Beta Launch", ClientId(ws, 0), true, 8000, null, "#2196F3", "PT5H", Estimate.None, Users(Person.Olga, Person.Ada, Person.Mark)),
            new("Beta Support", null, false, null, null, "#4CAF50", "PT1H30M", Estimate.None, Users(Person.Mark)),
            new("Beta Archive", ClientId(ws, 2), false, 0, null, "#9C27B0", "PT0S", Estimate.None, [], Archived: true),
            new("Beta Website", ClientId(ws, 1), true, 6000, null, "#FFC107", "PT30M", new("PT5H", "MANUAL", "", true), Users(Person.Bea)));
        AddTasks(ws, 0,
            new TaskSpec("Landing page", "ACTIVE", Users(Person.Mark), "PT3H", "PT2H"),
            new TaskSpec("Press kit", "DONE", [], "PT1H", "PT1H10M"));
        Seat[] seats =
        [
            new(Person.Olga, "ACTIVE", 5000, null, Roles.Owner),
            new(Person.Ada, "ACTIVE", null, null, Roles.WorkspaceAdmin),
            new(Person.Mark, "ACTIVE", 4000),
            new(Person.Bea, "INACTIVE", null),
            new(Person.Paul, "PENDING", null),
        ];
        AddUsers(ws, seats, person => person is Person.Olga or Person.Bea ? ws.Id : dataset.Workspaces[0].Id, _ => new JArray());
    }

    /// <summary>Workspace 3: the admin key is a plain member here.</summary>
    private void BuildGamma()
    {
        var automaticLock = new JObject
        {
            ["changeDay"] = "MONDAY", ["dayOfMonth"] = 1, ["firstDay"] = "MONDAY",
            ["olderThanPeriod"] = "MONTHS", ["olderThanValue"] = 1, ["type"] = "MONTHLY",
        };
        var lockDate = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-2);
        var ws = AddWorkspace("Gamma Guild", "STANDARD_2021", planInsideSettings: false, Money(4500, "GBP"), Money(1500, "GBP"),
            new WorkspaceShape.LockSettings(automaticLock, Timestamps.Format(lockDate), "Etc/UTC"), roundMinutes: "30", "GBP");
        ws.Clients.Add(Client(Id(ws, Ids.Kind.Client, 0), ws, "Gamma Partner", false, "Canal Street 4, Manchester", "hello@gammapartner.example"));
        ws.Tags.AddRange([Tag(Id(ws, Ids.Kind.Tag, 0), ws, "Alpha", false), Tag(Id(ws, Ids.Kind.Tag, 1), ws, "Omega", false)]);
        ws.UserGroups.Add(UserGroup(Id(ws, Ids.Kind.UserGroup, 0), ws, "Gamma Crew", Users(Person.Gus, Person.Hal), []));
        AddProjects(ws,
            new("Gamma Research", ClientId(ws, 0), true, 7000, 2000, "#F44336", "PT9H", Estimate.None, Users(Person.Gus, Person.Ada, Person.Hal)),
            new("Gamma Ops", null, false, null, null, "#00BCD4", "PT2H", Estimate.None, Users(Person.Hal)));
        AddTasks(ws, 0, new TaskSpec("Survey", "ACTIVE", Users(Person.Hal), "PT4H", "PT1H"));
        ws.CustomFields.Add(CustomField(Id(ws, Ids.Kind.CustomField, 0), ws, new("Reference", "TXT", "VISIBLE", "TIMEENTRY", "")));
        Seat[] seats =
        [
            new(Person.Gus, "ACTIVE", 6000, null, Roles.Owner),
            new(Person.Ada, "ACTIVE", null),
            new(Person.Hal, "ACTIVE", 3000, 1200),
        ];
        AddUsers(ws, seats, person => person == Person.Ada ? dataset.Workspaces[0].Id : ws.Id, _ => new JArray());
    }

    /// <summary>
    /// Budget estimates and estimate resets on two projects (the rest keep null, as live), and a
    /// member cost rate: the project columns and projects_memberships of TABLES-NEXT §4.3.
    /// </summary>
    private static void AddBudgets(EmulatorWorkspace ws)
    {
        ws.Projects[1]["budgetEstimate"] = new JObject
        {
            ["estimate"] = 2500000, ["type"] = "MANUAL", ["resetOption"] = "MONTHLY", ["active"] = true, ["includeExpenses"] = true,
        };
        ws.Projects[1]["estimateReset"] = new JObject
        {
            ["interval"] = "MONTHLY", ["dayOfMonth"] = 1, ["dayOfWeek"] = null, ["month"] = null, ["hour"] = 0,
        };
        ws.Projects[6]["budgetEstimate"] = new JObject
        {
            ["estimate"] = 0, ["type"] = "AUTO", ["resetOption"] = null, ["active"] = false, ["includeExpenses"] = false,
        };
        ws.Projects[6]["estimateReset"] = new JObject
        {
            ["interval"] = "WEEKLY", ["dayOfMonth"] = null, ["dayOfWeek"] = "MONDAY", ["month"] = null, ["hour"] = 6,
        };
        ws.Projects[7]["memberships"]![0]!["costRate"] = UserShape.Money(4200, ws.Currency);
    }

    private static (string Id, string Name) Manager(Person person) => (UserId(person), People[person].Name);
}

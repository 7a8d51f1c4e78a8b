using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private static readonly string[] PaidFeatures =
    [
        "ADD_TIME_FOR_OTHERS", "ADMIN_PANEL", "ALERTS", "APPROVAL", "AUDIT_LOG", "BULK_EDIT", "CUSTOM_FIELDS",
        "CUSTOM_REPORTING", "EXPENSES", "FORCE_DESCRIPTION", "HIDE_PAGES", "INVOICING", "KIOSK", "LOCK_TIMESHEETS",
        "PROJECT_BUDGET", "SCHEDULING", "TIME_OFF", "USER_CUSTOM_FIELDS", "WHO_CAN_CHANGE_TIMEENTRY_BILLABILITY",
    ];

    /// <summary>Lock-related settings; all null when automatic lock is not configured (NOTES §5.2).</summary>
    private sealed record LockSettings(JToken AutomaticLock, string? LockTimeEntries, string? LockTimeZone);

    /// <summary>WorkspaceDtoV1 shaped like the live example (NOTES §5.2). The plan sits at top level,
    /// or only inside workspaceSettings when <paramref name="planInsideSettings"/> (older API shape).</summary>
    private EmulatorWorkspace AddWorkspace(string name, string plan, bool planInsideSettings, JObject hourlyRate, JToken costRate,
        LockSettings locks, string roundMinutes, string currency)
    {
        var number = dataset.Workspaces.Count + 1;
        var id = Ids.Make(number, Ids.Kind.Workspace, 1);
        var settings = new JObject
        {
            ["timeRoundingInReports"] = number == 1,
            ["onlyAdminsSeeBillableRates"] = true,
            ["onlyAdminsCreateProject"] = number != 2,
            ["onlyAdminsSeeDashboard"] = false,
            ["defaultBillableProjects"] = number != 3,
            ["lockTimeEntries"] = locks.LockTimeEntries,
            ["lockTimeZone"] = locks.LockTimeZone,
            ["round"] = new JObject { ["round"] = "Round to nearest", ["minutes"] = roundMinutes },
            ["projectFavorites"] = true,
            ["canSeeTimeSheet"] = number != 2,
            ["canSeeTracker"] = true,
            ["projectPickerSpecialFilter"] = false,
            ["forceProjects"] = number == 1,
            ["forceTasks"] = false,
            ["forceTags"] = false,
            ["forceDescription"] = number == 3,
            ["onlyAdminsSeeAllTimeEntries"] = false,
            ["onlyAdminsSeePublicProjectsEntries"] = false,
            ["trackTimeDownToSecond"] = true,
            ["projectGroupingLabel"] = "client",
            ["adminOnlyPages"] = number == 1 ? new JArray("PROJECT", "TEAM", "REPORTS") : new JArray(),
            ["automaticLock"] = locks.AutomaticLock,
            ["onlyAdminsCreateTag"] = false,
            ["onlyAdminsCreateTask"] = true,
            ["timeTrackingMode"] = number == 3 ? "STOPWATCH_ONLY" : "DEFAULT",
            ["isProjectPublicByDefault"] = true,
            ["onlyAdminsCanChangeBillableStatus"] = false,
            ["multiFactorEnabled"] = false,
            ["durationFormat"] = "FULL",
            ["numberFormat"] = "COMMA_PERIOD",
            ["currencyFormat"] = "CURRENCY_SPACE_VALUE",
            ["activeBillableHours"] = false,
            ["projectLabel"] = null,
            ["taskLabel"] = null,
            ["workingDays"] = new JArray("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
            ["entityCreationPermissions"] = new JObject
            {
                ["whoCanCreateProjectsAndClients"] = "ADMINS",
                ["whoCanCreateTags"] = "ADMINS",
                ["whoCanCreateTasks"] = "ADMINS",
            },
        };
        var workspace = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["imageUrl"] = number == 3 ? "" : $"https://img.clockify.me/workspaces/{id}.png",
            ["cakeOrganizationId"] = Ids.Make(number, Ids.Kind.Organization, 1),
            ["hourlyRate"] = hourlyRate,
            ["costRate"] = costRate,
            ["currencies"] = new JArray(new JObject { ["id"] = Ids.Make(number, Ids.Kind.Currency, 1), ["code"] = currency, ["isDefault"] = true }),
        };
        if (planInsideSettings)
        {
            settings["featureSubscriptionType"] = plan;
        }
        else
        {
            workspace["featureSubscriptionType"] = plan;
        }
        workspace["features"] = plan == "FREE" ? new JArray("ADD_TIME_FOR_OTHERS") : new JArray(PaidFeatures);
        workspace["subdomain"] = new JObject { ["enabled"] = false, ["name"] = null };
        workspace["memberships"] = new JArray();
        workspace["workspaceSettings"] = settings;
        return dataset.AddWorkspace(workspace);
    }

    private static Estimate NoEstimate => new("PT0S", "AUTO", null, false);

    /// <summary>Workspace 1: the admin key's own workspace, with every shape the tap must handle.</summary>
    private void BuildAcme()
    {
        const string usd = "USD";
        var lockDate = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-120).AddHours(-1), TimeSpan.Zero);
        var automaticLock = new JObject
        {
            ["changeDay"] = "FRIDAY", ["dayOfMonth"] = 15, ["firstDay"] = "MONDAY",
            ["olderThanPeriod"] = "DAYS", ["olderThanValue"] = 5, ["type"] = "WEEKLY",
        };
        var ws = AddWorkspace("Acme Analytics", "BUNDLE_YEAR_2024", planInsideSettings: false, Money(2000), Money(20000),
            new LockSettings(automaticLock, Timestamps.Format(lockDate), "Europe/Belgrade"), roundMinutes: "15", usd);

        ws.Clients.AddRange(
        [
            Client(ws, 0, "Acme Corp", false, "1 Main Street, Springfield", "ap@acme-corp.example", usd),
            Client(ws, 1, "Blue Harbor Ltd", false, "Harbor Road 7, Portsmouth", "finance@blueharbor.example", usd),
            Client(ws, 2, "Cobalt Systems", false, null, null, usd),
            Client(ws, 3, "Delta Research", false, "Science Park 3, Delft", "office@delta.example", usd),
            Client(ws, 4, "Evergreen Health", false, "", "billing@evergreen.example", usd),
            Client(ws, 5, "Foxtrot Retail", true, "Market Square 12, Leeds", null, usd),
            Client(ws, 6, "Granite Bank", true, "Stone Avenue 99, Aberdeen", "it@granite.example", usd),
        ]);
        ws.Tags.AddRange(
        [
            Tag(ws, 0, "Backend", false), Tag(ws, 1, "Bug", false), Tag(ws, 2, "Design", false),
            Tag(ws, 3, "Frontend", false), Tag(ws, 4, "Meeting", false), Tag(ws, 5, "Overtime", true),
            Tag(ws, 6, "Q1-2025", true), Tag(ws, 7, "Remote", false), Tag(ws, 8, "Legacy", true),
        ]);
        ws.UserGroups.AddRange(
        [
            UserGroup(ws, 0, "Developers", [Person.Ada, Person.Mark, Person.Wanda, Person.Carl], [Person.Tess]),
            UserGroup(ws, 1, "Leads", [Person.Wanda, Person.Tess, Person.Pete, Person.Dan], []),
            UserGroup(ws, 2, "Alumni", [], []),
        ]);
        ProjectSpec[] projects =
        [
            new("Apollo Platform", 0, true, 12000, null, "#03A9F4", "PT12H30M", NoEstimate,
                [Person.Ada, Person.Mark, Person.Wanda, Person.Tess, Person.Pete, Person.Carl], Note: "Main product build."),
            new("Billing Revamp", 1, true, 9500, 4000, "#8BC34A", "PT40H", new("PT0S", "AUTO", "", false), [Person.Ada, Person.Wanda, Person.Sam]),
            new("Internal Ops", null, false, null, null, "#9E9E9E", "PT3H15M", NoEstimate, [Person.Ada, Person.Ian]),
            new("Legacy Migration", 2, true, 10000, null, "#795548", "PT100H", NoEstimate, [Person.Dan, Person.Lars], Archived: true),
            new("Old Website", 5, false, 0, null, "#607D8B", "PT0S", NoEstimate, [], Archived: true, Public: false),
            new("Project Template", 0, true, 12000, null, "#FF9800", "PT0S", NoEstimate, [], Template: true, Public: false),
            new("Research Lab", 3, false, null, null, "#673AB7", "PT22H5M30S", new("PT40H", "MANUAL", "MONTHLY", true),
                [Person.Pete, Person.Lena, Person.Vera]),
            new("Support Desk", 4, true, 7000, 3000, "#E91E63", "PT7H45M", new("PT10H", "MANUAL", "WEEKLY", true),
                [Person.Mark, Person.Tess, Person.Paul]),
            new("Data Warehouse", 0, true, 15000, 6000, "#009688", "PT1H", NoEstimate, [Person.Carl, Person.Ada]),
            new("Mobile App", 1, true, 11000, null, "#3F51B5", "PT18H", new("PT100H", "MANUAL", null, false), [Person.Mark, Person.Sam]),
            new("Kiosk Pilot", null, false, null, null, "#CDDC39", "PT45M", NoEstimate, [Person.Lena], Public: false),
            new("Analytics Consulting", 3, true, 13500, null, "#FF5722", "PT2H", new("PT20H", "MANUAL", "YEARLY", true),
                [Person.Pete, Person.Wanda]),
        ];
        ws.Projects.AddRange(projects.Select((spec, i) => Project(ws, i, spec, usd)));

        AddTasks(ws, 0, usd,
            new TaskSpec("Architecture", "ACTIVE", [Person.Wanda], "PT10H", "PT6H30M"),
            new TaskSpec("Bugfixing", "ACTIVE", [Person.Ada, Person.Mark], "PT1H30M", "PT4H15M", HourlyRateCents: 13000, BudgetEstimate: 10000, UserGroupIndex: 0),
            new TaskSpec("Code review", "DONE", [], "PT0S", "PT1H45M"),
            new TaskSpec("Deployment", "ACTIVE", [Person.Carl], "PT2H", "PT0S", CostRateCents: 5000));
        AddTasks(ws, 1, usd,
            new TaskSpec("Invoices API", "ACTIVE", [Person.Wanda, Person.Sam], "PT8H", "PT3H"),
            new TaskSpec("Tax rules", "DONE", [Person.Ada], "PT4H", "PT5H20M", HourlyRateCents: 9000, CostRateCents: 4500));
        AddTasks(ws, 3, usd, new TaskSpec("Data export", "DONE", [Person.Dan], "PT16H", "PT20H"));
        AddTasks(ws, 6, usd,
            new TaskSpec("Literature review", "DONE", [Person.Pete], "PT12H", "PT11H"),
            new TaskSpec("Prototype", "ACTIVE", [Person.Lena, Person.Vera], "PT30H", "PT9H"));
        AddTasks(ws, 7, usd, new TaskSpec("Triage", "ACTIVE", [Person.Mark, Person.Paul], "PT0S", "PT7H45M", UserGroupIndex: 1));

        ws.CustomFields.AddRange(
        [
            CustomField(ws, 0, new("Ticket", "TXT", "VISIBLE", "TIMEENTRY", "")),
            CustomField(ws, 1, new("Effort points", "NUMBER", "INVISIBLE", "TIMEENTRY", 0, ProjectDefaults: [(0, 3)])),
            CustomField(ws, 2, new("Phase", "DROPDOWN_SINGLE", "VISIBLE", "TIMEENTRY", "Build", ["Discovery", "Build", "Run"],
                [(1, "Discovery")], Required: true)),
            CustomField(ws, 3, new("Skills", "DROPDOWN_MULTIPLE", "VISIBLE", "TIMEENTRY", new JArray("SQL"), ["SQL", "C#", "Design"])),
            CustomField(ws, 4, new("Overtime approved", "CHECKBOX", "INACTIVE", "TIMEENTRY", false)),
            CustomField(ws, 5, new("Profile link", "LINK", "VISIBLE", "USER", JValue.CreateNull())),
        ]);

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
            : new JArray(), usd);
    }

    /// <summary>Workspace 2: FREE plan in the older settings-only shape, no automatic lock.</summary>
    private void BuildBeta()
    {
        const string eur = "EUR";
        var ws = AddWorkspace("Beta Bureau", "FREE", planInsideSettings: true, Money(0, eur), JValue.CreateNull(),
            new LockSettings(JValue.CreateNull(), null, null), roundMinutes: "0", eur);
        ws.Clients.AddRange(
        [
            Client(ws, 0, "Beta Client One", false, "Calle Mayor 1, Madrid", "one@betaclient.example", eur),
            Client(ws, 1, "Beta Client Two", false, null, null, eur),
            Client(ws, 2, "Beta Old Client", true, "Via Roma 5, Rome", null, eur),
        ]);
        ws.Tags.AddRange([Tag(ws, 0, "Urgent", false), Tag(ws, 1, "Later", false), Tag(ws, 2, "Admin", false), Tag(ws, 3, "Old", true)]);
        ws.UserGroups.Add(UserGroup(ws, 0, "Beta Team", [Person.Olga, Person.Ada, Person.Mark], [Person.Olga]));
        ProjectSpec[] projects =
        [
            new("Beta Launch", 0, true, 8000, null, "#2196F3", "PT5H", NoEstimate, [Person.Olga, Person.Ada, Person.Mark]),
            new("Beta Support", null, false, null, null, "#4CAF50", "PT1H30M", NoEstimate, [Person.Mark]),
            new("Beta Archive", 2, false, 0, null, "#9C27B0", "PT0S", NoEstimate, [], Archived: true),
            new("Beta Website", 1, true, 6000, null, "#FFC107", "PT30M", new("PT5H", "MANUAL", "", true), [Person.Bea]),
        ];
        ws.Projects.AddRange(projects.Select((spec, i) => Project(ws, i, spec, eur)));
        AddTasks(ws, 0, eur,
            new TaskSpec("Landing page", "ACTIVE", [Person.Mark], "PT3H", "PT2H"),
            new TaskSpec("Press kit", "DONE", [], "PT1H", "PT1H10M"));
        Seat[] seats =
        [
            new(Person.Olga, "ACTIVE", 5000, null, Roles.Owner),
            new(Person.Ada, "ACTIVE", null, null, Roles.WorkspaceAdmin),
            new(Person.Mark, "ACTIVE", 4000),
            new(Person.Bea, "INACTIVE", null),
            new(Person.Paul, "PENDING", null),
        ];
        AddUsers(ws, seats, person => person is Person.Olga or Person.Bea ? ws.Id : dataset.Workspaces[0].Id, _ => new JArray(), eur);
    }

    /// <summary>Workspace 3: the admin key is a plain member here.</summary>
    private void BuildGamma()
    {
        const string gbp = "GBP";
        var ws = AddWorkspace("Gamma Guild", "STANDARD_2021", planInsideSettings: false, Money(4500, gbp), Money(1500, gbp),
            new LockSettings(new JObject
            {
                ["changeDay"] = "MONDAY", ["dayOfMonth"] = 1, ["firstDay"] = "MONDAY",
                ["olderThanPeriod"] = "MONTHS", ["olderThanValue"] = 1, ["type"] = "MONTHLY",
            }, Timestamps.Format(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-2)), "Etc/UTC"),
            roundMinutes: "30", gbp);
        ws.Clients.Add(Client(ws, 0, "Gamma Partner", false, "Canal Street 4, Manchester", "hello@gammapartner.example", gbp));
        ws.Tags.AddRange([Tag(ws, 0, "Alpha", false), Tag(ws, 1, "Omega", false)]);
        ws.UserGroups.Add(UserGroup(ws, 0, "Gamma Crew", [Person.Gus, Person.Hal], []));
        ProjectSpec[] projects =
        [
            new("Gamma Research", 0, true, 7000, 2000, "#F44336", "PT9H", NoEstimate, [Person.Gus, Person.Ada, Person.Hal]),
            new("Gamma Ops", null, false, null, null, "#00BCD4", "PT2H", NoEstimate, [Person.Hal]),
        ];
        ws.Projects.AddRange(projects.Select((spec, i) => Project(ws, i, spec, gbp)));
        AddTasks(ws, 0, gbp, new TaskSpec("Survey", "ACTIVE", [Person.Hal], "PT4H", "PT1H"));
        ws.CustomFields.Add(CustomField(ws, 0, new("Reference", "TXT", "VISIBLE", "TIMEENTRY", "")));
        Seat[] seats =
        [
            new(Person.Gus, "ACTIVE", 6000, null, Roles.Owner),
            new(Person.Ada, "ACTIVE", null),
            new(Person.Hal, "ACTIVE", 3000, 1200),
        ];
        AddUsers(ws, seats, person => person == Person.Ada ? dataset.Workspaces[0].Id : ws.Id, _ => new JArray(), gbp);
    }
}

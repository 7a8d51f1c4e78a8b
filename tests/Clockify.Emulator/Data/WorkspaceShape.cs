using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>WorkspaceDtoV1 in the live shape (NOTES §5.2).</summary>
internal static class WorkspaceShape
{
    private static readonly string[] PaidFeatures =
    [
        "ADD_TIME_FOR_OTHERS", "ADMIN_PANEL", "ALERTS", "APPROVAL", "AUDIT_LOG", "BULK_EDIT", "CUSTOM_FIELDS",
        "CUSTOM_REPORTING", "EXPENSES", "FORCE_DESCRIPTION", "HIDE_PAGES", "INVOICING", "KIOSK", "LOCK_TIMESHEETS",
        "PROJECT_BUDGET", "SCHEDULING", "TIME_OFF", "USER_CUSTOM_FIELDS", "WHO_CAN_CHANGE_TIMEENTRY_BILLABILITY",
    ];

    // Subscription plans (help centre): scheduling, expenses, budgets, custom fields and user fields need PRO.
    private static readonly string[] ProOnlyFeatures = ["CUSTOM_FIELDS", "EXPENSES", "PROJECT_BUDGET", "SCHEDULING", "USER_CUSTOM_FIELDS"];

    /// <summary>The feature names a plan's workspace lists: FREE almost none, STANDARD time off, invoicing and approval, higher plans all.</summary>
    public static IEnumerable<string> FeaturesOf(string plan) =>
        plan == "FREE" ? ["ADD_TIME_FOR_OTHERS"]
        : plan.StartsWith("STANDARD", StringComparison.Ordinal) ? PaidFeatures.Except(ProOnlyFeatures)
        : PaidFeatures;

    /// <summary>Lock-related settings; all null when automatic lock is not configured (NOTES §5.2).</summary>
    public sealed record LockSettings(JToken AutomaticLock, string? LockTimeEntries, string? LockTimeZone);

    /// <summary>WorkspaceDtoV1 shaped like the live example (NOTES §5.2). The plan sits at top level,
    /// or only inside workspaceSettings when <paramref name="planInsideSettings"/> (older API shape).</summary>
    public static JObject Create(int number, string name, string plan, bool planInsideSettings, JObject hourlyRate, JToken costRate,
        LockSettings locks, string roundMinutes, string currency)
    {
        var id = Ids.Make(number, Ids.Kind.Workspace, 1);
        var settings = new JObject
        {
            ["timeRoundingInReports"] = number == 1,
            ["onlyAdminsSeeBillableRates"] = true,
            ["onlyAdminsCreateProject"] = number != 2,
            ["onlyAdminsSeeDashboard"] = false,
            ["defaultBillableProjects"] = number != 3,
            ["lockTimeEntries"] = JsonText.OrNull(locks.LockTimeEntries),
            ["lockTimeZone"] = JsonText.OrNull(locks.LockTimeZone),
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
        workspace["features"] = new JArray(FeaturesOf(plan));
        workspace["subdomain"] = new JObject { ["enabled"] = false, ["name"] = null };
        workspace["memberships"] = new JArray();
        workspace["workspaceSettings"] = settings;
        return workspace;
    }

}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>Pieces of UserDtoV1 (NOTES §5.1) shared by the dataset builders and mutations.</summary>
internal static class UserShape
{
    /// <summary>User settings with the live key set (NOTES §5.1), varied per person.</summary>
    public static JObject Settings(string timeZone, string weekStart, int index, bool hasSummarySettings) => new()
    {
        ["weekStart"] = weekStart,
        ["timeZone"] = timeZone,
        ["timeFormat"] = index % 2 == 0 ? "HOUR24" : "HOUR12",
        ["dateFormat"] = (index % 3) switch { 0 => "MM/DD/YYYY", 1 => "DD.MM.YYYY", _ => "YYYY-MM-DD" },
        ["sendNewsletter"] = index % 4 == 1,
        ["weeklyUpdates"] = index % 5 == 2,
        ["longRunning"] = index % 2 == 0,
        ["scheduledReports"] = true,
        ["approval"] = false,
        ["pto"] = true,
        ["alerts"] = true,
        ["reminders"] = index % 3 == 0,
        ["invoiceReminders"] = false,
        ["timeTrackingManual"] = index % 3 != 1,
        ["summaryReportSettings"] = hasSummarySettings
            ? new JObject { ["group"] = index % 2 == 0 ? "PROJECT" : "USER", ["subgroup"] = index % 2 == 0 ? "CLIENT" : "TIME_ENTRY" }
            : JValue.CreateNull(),
        ["isCompactViewOn"] = index % 4 == 3,
        ["dashboardSelection"] = index % 2 == 0 ? "ME" : "TEAM",
        ["dashboardViewType"] = index % 3 == 0 ? "BILLABILITY" : "PROJECT",
        ["dashboardPinToTop"] = index % 2 == 1,
        ["projectListCollapse"] = 15 + index % 3 * 5,
        ["collapseAllProjectLists"] = index % 5 == 0,
        ["groupSimilarEntriesDisabled"] = index % 2 == 0,
        ["myStartOfDay"] = $"{8 + index % 3:00}:{(index % 2) * 30:00}",
        ["projectPickerTaskFilter"] = false,
        ["lang"] = "en",
        ["multiFactorEnabled"] = index % 4 == 0,
        ["scheduling"] = false,
        ["onboarding"] = false,
        ["showOnlyWorkingDays"] = false,
        ["theme"] = index % 2 == 0 ? "DARK" : "DEFAULT",
    };

    public static JObject Membership(string userId, string targetId, string type, string status, long? hourlyRateCents, long? costRateCents, string currency) => new()
    {
        ["userId"] = userId,
        ["targetId"] = targetId,
        ["membershipType"] = type,
        ["membershipStatus"] = status,
        ["hourlyRate"] = Money(hourlyRateCents, currency),
        ["costRate"] = Money(costRateCents, currency),
    };

    /// <summary>A rate object <c>{amount (integer cents), currency}</c>, or null when unset (NOTES §5.1).</summary>
    public static JToken Money(long? cents, string currency) =>
        cents is { } value ? new JObject { ["amount"] = value, ["currency"] = currency } : JValue.CreateNull();
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private sealed record PolicySpec(string Name, string TimeUnit, bool Archived, double? AccrualAmount, double? NegativeAmount, Person[] Members);

    private sealed record LeaveSpec(Person Who, int Policy, int StartsInDays, int Days, string Status, bool HalfDay = false);

    /// <summary>
    /// Time-off policies (one archived; accruals and negative balances set or null), requests of
    /// each status (one half day, some in the future), a balance per member and policy, and
    /// holidays (one yearly), in the live shapes (TABLES-NEXT §4.8).
    /// </summary>
    private void AddTimeOff(EmulatorWorkspace ws, PolicySpec[] policies, LeaveSpec[] requests, (string Name, int InDays, int Days, bool Annual)[] holidays)
    {
        var admin = ws.Users[0];
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var (spec, i) in policies.Select((spec, i) => (spec, i)))
        {
            var policy = new JObject
            {
                ["id"] = Id(ws, Ids.Kind.TimeOffPolicy, i),
                ["workspaceId"] = ws.Id,
                ["name"] = spec.Name,
                ["archived"] = spec.Archived,
                ["timeUnit"] = spec.TimeUnit,
                ["allowHalfDay"] = spec.TimeUnit == "DAYS",
                ["allowNegativeBalance"] = spec.NegativeAmount is not null,
                ["everyoneIncludingNew"] = i == 0,
                ["userIds"] = new JArray(spec.Members.Select(UserId)),
                ["userGroupIds"] = i == 0 && ws.UserGroups.Count > 0 ? new JArray(ws.UserGroups[0]["id"]!.DeepClone()) : new JArray(),
                ["projectId"] = i == 0 ? ws.Projects[0]["id"]!.DeepClone() : null,
                ["approve"] = new JObject
                {
                    ["requiresApproval"] = i != 2, ["teamManagers"] = i == 1, ["specificMembers"] = i == 0,
                    ["userIds"] = i == 0 ? new JArray(admin["id"]!.DeepClone()) : new JArray(),
                },
                ["automaticAccrual"] = spec.AccrualAmount is { } accrual
                    ? new JObject { ["amount"] = accrual, ["period"] = "MONTH", ["timeUnit"] = spec.TimeUnit }
                    : null,
                ["negativeBalance"] = spec.NegativeAmount is { } negative
                    ? new JObject { ["amount"] = negative, ["period"] = "YEAR", ["timeUnit"] = spec.TimeUnit, ["shouldReset"] = true }
                    : null,
                ["automaticTimeEntryCreation"] = new JObject
                {
                    ["enabled"] = i == 0,
                    ["defaultEntities"] = i == 0 ? new JObject { ["projectId"] = ws.Projects[0]["id"]!.DeepClone(), ["taskId"] = null } : null,
                },
            };
            ws.TimeOffPolicies.Add(policy);
            foreach (var (member, m) in spec.Members.Select((member, m) => (member, m)))
            {
                var user = ws.FindUser(UserId(member))!;
                var used = m * 1.5;
                var total = spec.TimeUnit == "DAYS" ? 25.0 : 40.0;
                ws.TimeOffBalances.Add(new JObject
                {
                    ["id"] = Id(ws, Ids.Kind.TimeOffBalance, i * 100 + m),
                    ["workspaceId"] = ws.Id,
                    ["policyId"] = policy["id"]!.DeepClone(),
                    ["policyName"] = spec.Name,
                    ["policyArchived"] = spec.Archived,
                    ["policyTimeUnit"] = spec.TimeUnit,
                    ["userId"] = user["id"]!.DeepClone(),
                    ["userName"] = user["name"]!.DeepClone(),
                    ["balance"] = total - used,
                    ["used"] = used,
                    ["total"] = total,
                    ["negativeBalanceLimit"] = spec.NegativeAmount is not null,
                    ["negativeBalanceAmount"] = spec.NegativeAmount ?? 0,
                    ["negativeBalanceUsed"] = 0,
                });
            }
        }

        foreach (var (spec, i) in requests.Select((spec, i) => (spec, i)))
        {
            var user = ws.FindUser(UserId(spec.Who))!;
            var policy = ws.TimeOffPolicies[spec.Policy];
            var start = today.AddDays(spec.StartsInDays);
            var decided = spec.Status != "PENDING";
            ws.TimeOffRequests.Add(new JObject
            {
                ["id"] = Id(ws, Ids.Kind.TimeOffRequest, i),
                ["workspaceId"] = ws.Id,
                ["policyId"] = policy["id"]!.DeepClone(),
                ["policyName"] = policy["name"]!.DeepClone(),
                ["userId"] = user["id"]!.DeepClone(),
                ["userName"] = user["name"]!.DeepClone(),
                ["userEmail"] = user["email"]!.DeepClone(),
                ["userTimeZone"] = user["settings"]!["timeZone"]!.DeepClone(),
                // An admin may file leave for someone else.
                ["requesterUserId"] = i == 1 ? admin["id"]!.DeepClone() : user["id"]!.DeepClone(),
                ["requesterUserName"] = i == 1 ? admin["name"]!.DeepClone() : user["name"]!.DeepClone(),
                ["timeUnit"] = policy["timeUnit"]!.DeepClone(),
                ["timeOffPeriod"] = new JObject
                {
                    ["period"] = new JObject
                    {
                        ["start"] = Timestamps.Format(start),
                        ["end"] = Timestamps.Format(start.AddDays(spec.Days).AddMinutes(-1)),
                    },
                    ["halfDay"] = spec.HalfDay,
                    ["halfDayPeriod"] = spec.HalfDay ? "FIRST_HALF" : "NOT_DEFINED",
                    ["halfDayHours"] = spec.HalfDay
                        ? new JObject { ["start"] = Timestamps.Format(start.AddHours(8)), ["end"] = Timestamps.Format(start.AddHours(12)) }
                        : null,
                },
                ["note"] = i % 2 == 0 ? "Family trip" : null,
                ["status"] = new JObject
                {
                    ["statusType"] = spec.Status,
                    ["changedAt"] = decided ? Timestamps.Format(start.AddDays(-3)) : null,
                    ["changedByUserId"] = decided ? admin["id"]!.DeepClone() : null,
                    ["changedByUserName"] = decided ? admin["name"]!.DeepClone() : null,
                    ["changedForUserName"] = decided ? user["name"]!.DeepClone() : null,
                    ["note"] = spec.Status == "REJECTED" ? "Release week" : null,
                },
                ["balanceDiff"] = spec.HalfDay ? 0.5 : spec.Days,
                ["balance"] = 25 - (spec.HalfDay ? 0.5 : spec.Days),
                ["createdAt"] = Timestamps.FormatWithMillis(start.AddDays(-10).AddMilliseconds(123)),
            });
        }

        foreach (var (holiday, i) in holidays.Select((holiday, i) => (holiday, i)))
        {
            var start = today.AddDays(holiday.InDays);
            ws.Holidays.Add(new JObject
            {
                ["id"] = Id(ws, Ids.Kind.Holiday, i),
                ["workspaceId"] = ws.Id,
                ["name"] = holiday.Name,
                ["datePeriod"] = new JObject
                {
                    ["startDate"] = start.ToString("yyyy-MM-dd"),
                    ["endDate"] = start.AddDays(holiday.Days - 1).ToString("yyyy-MM-dd"),
                },
                ["occursAnnually"] = holiday.Annual,
                ["everyoneIncludingNew"] = i == 0,
                ["automaticTimeEntryCreation"] = i == 1,
                ["projectId"] = i == 1 ? ws.Projects[0]["id"]!.DeepClone() : null,
                ["taskId"] = null,
                ["userIds"] = i == 0 ? new JArray() : new JArray(ws.Users.Take(2).Select(u => u["id"]!.DeepClone())),
                ["userGroupIds"] = new JArray(ws.UserGroups.Take(i).Select(g => g["id"]!.DeepClone())),
            });
        }
    }
}

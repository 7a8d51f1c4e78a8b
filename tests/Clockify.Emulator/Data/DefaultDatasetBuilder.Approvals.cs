using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private sealed record ApprovalSpec(Person Owner, string State, int WeeksAgo, int EntryCount, int[] ExpenseIndexes, string? Note = null);

    /// <summary>
    /// Approval requests of each state, including states no filter lists (TABLES-NEXT §4.7), each
    /// with the owner's entries of its week and some expenses, in the live item shape.
    /// </summary>
    private void AddApprovalRequests(EmulatorWorkspace ws, params ApprovalSpec[] specs)
    {
        var admin = ws.Users[0];
        foreach (var (spec, i) in specs.Select((spec, i) => (spec, i)))
        {
            var owner = ws.FindUser(UserId(spec.Owner))!;
            var weekStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-7 * spec.WeeksAgo - (int)now.DayOfWeek + 1).AddHours(-2);
            var entries = ws.TimeEntries.Where(e => (string?)e["userId"] == (string)owner["id"]! && e["timeInterval"]!["end"]!.Type != JTokenType.Null)
                .Take(spec.EntryCount).Select(e => e.DeepClone()).ToList();
            var expenses = spec.ExpenseIndexes.Select(x =>
            {
                var expense = (JObject)ws.Expenses[x].DeepClone();
                expense["approvalStatus"] = spec.State;
                expense["detailedApprovalStatus"] = spec.State == "PENDING" ? "PENDING_APPROVAL" : spec.State;
                expense["currency"] = ws.Currency;
                return expense;
            }).ToList();
            var isDecided = spec.State != "PENDING";
            ws.ApprovalRequests.Add(new JObject
            {
                ["approvalRequest"] = new JObject
                {
                    ["id"] = Id(ws, Ids.Kind.ApprovalRequest, i),
                    ["workspaceId"] = ws.Id,
                    ["type"] = expenses.Count == 0 ? "TIMESHEET" : entries.Count == 0 ? "EXPENSE" : "TIMESHEET_AND_EXPENSE",
                    ["dateRange"] = new JObject { ["start"] = Timestamps.Format(weekStart), ["end"] = Timestamps.Format(weekStart.AddDays(7).AddSeconds(-1)) },
                    ["owner"] = new JObject
                    {
                        ["userId"] = owner["id"]!.DeepClone(), ["userName"] = owner["name"]!.DeepClone(),
                        ["timeZone"] = owner["settings"]!["timeZone"]!.DeepClone(), ["startOfWeek"] = owner["settings"]!["weekStart"]!.DeepClone(),
                    },
                    ["creator"] = new JObject
                    {
                        ["userId"] = owner["id"]!.DeepClone(), ["userName"] = owner["name"]!.DeepClone(), ["userEmail"] = owner["email"]!.DeepClone(),
                    },
                    ["status"] = new JObject
                    {
                        ["state"] = spec.State,
                        ["note"] = spec.Note,
                        ["updatedAt"] = Timestamps.Format(weekStart.AddDays(isDecided ? 9 : 7)),
                        ["updatedBy"] = isDecided ? admin["id"]!.DeepClone() : owner["id"]!.DeepClone(),
                        ["updatedByUserName"] = isDecided ? admin["name"]!.DeepClone() : owner["name"]!.DeepClone(),
                    },
                },
                ["approvedTime"] = spec.State == "APPROVED" ? "PT12H30M" : "PT0S",
                ["billableAmount"] = 52500,
                ["billableTime"] = "PT10H",
                ["breakTime"] = "PT0S",
                ["costAmount"] = 18750.5,
                ["entries"] = new JArray(entries),
                ["expenseTotal"] = expenses.Sum(e => (double)e["total"]!),
                ["expenses"] = new JArray(expenses),
                ["pendingTime"] = spec.State == "PENDING" ? "PT12H30M" : "PT0S",
                ["trackedTime"] = "PT12H30M",
            });
        }
    }
}

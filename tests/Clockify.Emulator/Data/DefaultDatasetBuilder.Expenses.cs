using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private sealed record CategorySpec(string Name, bool Archived, long? PriceInCents, string Unit);

    /// <summary>
    /// Expense categories (two archived, unit-priced and plain) and expenses with and without a
    /// project, task or receipt (live shapes, TABLES-NEXT §4.5), in the PRO workspace.
    /// </summary>
    private void AddExpenses(EmulatorWorkspace ws)
    {
        CategorySpec[] categories =
        [
            new("Travel", false, null, ""),
            new("Mileage", false, 45, "km"),
            new("Meals", false, null, ""),
            new("Hardware", true, null, ""),
            new("Per diem", true, 5000, "day"),
        ];
        ws.ExpenseCategories.AddRange(categories.Select((spec, i) => new JObject
        {
            ["id"] = Id(ws, Ids.Kind.ExpenseCategory, i),
            ["workspaceId"] = ws.Id,
            ["name"] = spec.Name,
            ["archived"] = spec.Archived,
            ["hasUnitPrice"] = spec.PriceInCents is not null,
            ["priceInCents"] = spec.PriceInCents ?? 0,
            ["unit"] = spec.Unit,
        }));

        var apollo = ws.Projects[0];
        var support = ws.Projects[7];
        (Person Who, int Category, JObject? Project, int? Task, double Quantity, double? Total, bool Billable, bool Locked, string Notes, bool Receipt)[] expenses =
        [
            (Person.Ada, 0, apollo, 0, 1, 18950, true, false, "Train to client", true),
            (Person.Mark, 1, support, null, 42, null, true, false, "Site visit", false),
            (Person.Wanda, 2, null, null, 1, 2475.5, false, false, "", false),
            (Person.Ada, 3, apollo, 1, 1, 129900, false, true, "Laptop dock", true),
            (Person.Carl, 4, null, null, 3, null, true, true, "Conference", false),
            (Person.Tess, 1, support, null, 12.5, null, false, false, "Parking run", false),
            (Person.Mark, 0, null, null, 1, 7200, true, false, "Taxi", true),
        ];
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(12);
        ws.Expenses.AddRange(expenses.Select((e, i) =>
        {
            var category = ws.ExpenseCategories[e.Category];
            var total = e.Total ?? e.Quantity * (long)category["priceInCents"]!;
            var taskId = e.Task is { } t ? (string?)ws.TasksByProject[(string)e.Project!["id"]!][t]["id"] : null;
            var id = Id(ws, Ids.Kind.Expense, i);
            return new JObject
            {
                ["id"] = id,
                ["workspaceId"] = ws.Id,
                ["userId"] = UserId(e.Who),
                ["date"] = Timestamps.Format(day.AddDays(-3 * i)),
                ["billable"] = e.Billable,
                ["locked"] = e.Locked,
                ["notes"] = e.Notes,
                ["quantity"] = e.Quantity,
                ["total"] = total,
                ["fileId"] = e.Receipt ? $"receipt-{id}" : "",
                ["fileName"] = e.Receipt ? $"receipt-{i}.pdf" : "",
                ["category"] = category.DeepClone(),
                ["project"] = e.Project is { } project
                    ? new JObject
                    {
                        ["id"] = project["id"]!.DeepClone(), ["name"] = project["name"]!.DeepClone(), ["color"] = project["color"]!.DeepClone(),
                        ["clientId"] = project["clientId"]!.DeepClone(), ["clientName"] = project["clientName"]!.DeepClone(),
                    }
                    : null,
                ["task"] = taskId is null ? null : new JObject { ["id"] = taskId, ["name"] = ws.TasksByProject[(string)e.Project!["id"]!][e.Task!.Value]["name"]!.DeepClone() },
            };
        }));
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Expense categories and expenses (TABLES-NEXT §4.5): wrapped lists, {count, categories} and
/// {dailyTotals, expenses: {count, expenses}, weeklyTotals}; 403 where the workspace lacks EXPENSES.
/// </summary>
internal static class ExpenseEndpoints
{
    private const string Root = "/api/v1/workspaces/{workspaceId}";

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet($"{Root}/expenses/categories", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "EXPENSES");
            // `archived` is a boolean defaulting to false (official document).
            var archived = Query.Bool(context, "archived") ?? false;
            var categories = workspace.ExpenseCategories.Where(c => Filters.Archived(c) == archived).ToList();
            var (items, _) = Paging.From(context).Apply(categories);
            return ApiResult.Json(new JObject { ["count"] = categories.Count, ["categories"] = new JArray(items.Select(c => c.DeepClone())) });
        }));

        app.MapGet($"{Root}/expenses", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "EXPENSES");
            var userId = Query.Text(context, "user-id");
            var expenses = workspace.Expenses.Where(e => userId == null || (string?)e["userId"] == userId).ToList();
            var (items, _) = Paging.From(context).Apply(expenses);
            return ApiResult.Json(new JObject
            {
                ["dailyTotals"] = new JArray(expenses.GroupBy(e => ((string)e["date"]!)[..10]).Select(day => new JObject
                {
                    ["date"] = day.Key, ["total"] = day.Sum(e => (double)e["total"]!),
                })),
                ["expenses"] = new JObject { ["count"] = expenses.Count, ["expenses"] = new JArray(items.Select(e => e.DeepClone())) },
                ["weeklyTotals"] = new JArray(),
            });
        }));
    }
}

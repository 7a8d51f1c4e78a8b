using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>GET /workspaces/{ws}/expenses/categories: {count, categories:[...]} (live).</summary>
public sealed class ExpenseCategoriesStream : ClockifyStream
{
    public override string Name => "expense_categories";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/expenses/categories";
    public override string ItemsAt => "categories";
    public override string TotalAt => "count";
    // "archived" defaults to false (official document), which would hide archived categories.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        [[Query("archived", "false")], [Query("archived", "true")]];
    public override string RequiredFeature => "EXPENSES";
}

/// <summary>
/// GET /workspaces/{ws}/expenses, wrapped twice: {dailyTotals, expenses:{count, expenses:[...]},
/// weeklyTotals} (live). No date filter exists, so the list is read whole each sync.
/// </summary>
public sealed class ExpensesStream : ClockifyStream
{
    public override string Name => "expenses";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/expenses";
    public override string ItemsAt => "expenses.expenses";
    public override string TotalAt => "expenses.count";
    // One typed client documents 1..200; Clockify support quotes 5000 for every list. 200 until tested.
    public override int? MaxPageSize => 200;
    public override string RequiredFeature => "EXPENSES";

    public override IEnumerable<Row> ToRows(JObject expense, PartitionContext context)
    {
        var row = Naming.Flatten(expense, Layout);
        // The live key is "locked"; the official document also has "isLocked".
        if (row["locked"].IsNullOrAbsent && expense["isLocked"] is JValue isLocked) row["locked"] = JsonFragment.FromToken(isLocked);
        yield return row;
    }
}

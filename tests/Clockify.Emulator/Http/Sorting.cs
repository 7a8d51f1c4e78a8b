using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// The <c>sort-column</c> / <c>sort-order</c> pair of a list endpoint. Values compare ordinally
/// (like a Mongo sort without collation) and ties break on id, so every page order is stable.
/// </summary>
internal sealed class Sorting(string defaultColumn, Dictionary<string, Func<JObject, string?>> columns)
{
    private static readonly string[] Orders = ["ASCENDING", "DESCENDING"];

    public static string? Text(JObject item, string property) => (string?)item[property];

    public List<JObject> Sort(HttpContext context, IEnumerable<JObject> items)
    {
        var column = Query.Enum(context, "sort-column", columns.Keys) ?? defaultColumn;
        var descending = Query.Enum(context, "sort-order", Orders) == "DESCENDING";
        var key = columns[column];
        var sorted = items.OrderBy(key, StringComparer.Ordinal).ThenBy(i => (string?)i["id"], StringComparer.Ordinal).ToList();
        if (descending) sorted.Reverse();
        return sorted;
    }
}

using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>Filters shared by several list endpoints.</summary>
internal static class Filters
{
    /// <summary><c>name</c> matches by case-insensitive "contains", or exactly when
    /// <c>strict-name-search=true</c> (spec text of projects, tags and tasks).</summary>
    public static Func<JObject, bool> Name(HttpContext context)
    {
        var name = Query.Text(context, "name");
        if (name == null) return _ => true;
        var strict = Query.Bool(context, "strict-name-search") == true;
        return item =>
        {
            var value = (string?)item["name"] ?? "";
            return strict ? value == name : value.Contains(name, StringComparison.OrdinalIgnoreCase);
        };
    }

    public static bool Archived(JObject item) => (bool?)item["archived"] == true;
}

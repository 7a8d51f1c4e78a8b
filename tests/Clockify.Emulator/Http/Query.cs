using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Reads query parameters the way Clockify's Spring backend converts them: strict
/// booleans and integers (400 otherwise, NOTES §10), enums checked against their constants, an empty
/// value treated as absent, list parameters given repeated or comma-separated.</summary>
internal static class Query
{
    public static string? Text(HttpContext context, string name)
    {
        var value = context.Request.Query[name].FirstOrDefault();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static bool? Bool(HttpContext context, string name)
    {
        var value = Text(context, name);
        return value?.Trim().ToLowerInvariant() switch
        {
            null => null,
            // Spring's String-to-Boolean conversion accepts these spellings.
            "true" or "on" or "yes" or "1" => true,
            "false" or "off" or "no" or "0" => false,
            _ => throw ApiException.WrongParameterType(name, "java.lang.Boolean", value, "Invalid boolean value"),
        };
    }

    public static int? Int(HttpContext context, string name)
    {
        var value = Text(context, name);
        if (value == null) return null;
        return int.TryParse(value, out var number)
            ? number
            : throw ApiException.WrongParameterType(name, "java.lang.Integer", value, "For input string:");
    }

    /// <summary>One value of an enum-typed parameter, upper-cased and checked against <paramref name="allowed"/>.</summary>
    public static string? Enum(HttpContext context, string name, IReadOnlyCollection<string> allowed)
    {
        var value = Text(context, name);
        return value == null ? null : CheckEnum(name, value, allowed);
    }

    /// <summary>All values of a list parameter, whether repeated (<c>?a=X&amp;a=Y</c>) or comma-separated (<c>?a=X,Y</c>).</summary>
    public static List<string> List(HttpContext context, string name) =>
        context.Request.Query[name]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    public static List<string> EnumList(HttpContext context, string name, IReadOnlyCollection<string> allowed) =>
        List(context, name).Select(v => CheckEnum(name, v, allowed)).ToList();

    public static DateTimeOffset? Instant(HttpContext context, string name)
    {
        var value = Text(context, name);
        if (value == null) return null;
        return Timestamps.TryParse(value, out var instant)
            ? instant
            : throw ApiException.BadRequest($"Invalid value for parameter '{name}': expected yyyy-MM-ddThh:mm:ssZ, got '{value}'");
    }

    private static string CheckEnum(string name, string value, IReadOnlyCollection<string> allowed)
    {
        var upper = value.Trim().ToUpperInvariant();
        return allowed.Contains(upper)
            ? upper
            : throw ApiException.WrongParameterType(name, "enum", value, $"No enum constant for value; expected one of {string.Join(", ", allowed)}, got");
    }
}

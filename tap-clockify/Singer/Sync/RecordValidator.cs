using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Checks a record against its stream's JSON Schema before it is written (validate_records):
/// each column's JSON type, date-time format, and the type of array items.
/// </summary>
public sealed class RecordValidator(JObject schema)
{
    private readonly Dictionary<string, JObject> _columns = ((JObject)schema["properties"]!).Properties()
        .ToDictionary(p => p.Name, p => (JObject)p.Value);

    /// <summary>Null when the record fits; else which field is wrong and how.</summary>
    public string? Problem(IReadOnlyList<string> names, ReadOnlySpan<JsonFragment> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!_columns.TryGetValue(names[i], out var column)) return $"field {names[i]} is not in the schema";
            if (Mismatch(values[i].ToToken(), column) is { } problem) return $"field {names[i]}: {problem}";
        }
        return null;
    }

    private static string? Mismatch(JToken value, JObject schema)
    {
        var types = schema["type"] switch
        {
            JArray list => list.Select(t => t.ToString()).ToHashSet(),
            JValue single => [single.ToString()],
            _ => null,
        };
        if (types is null) return null;
        var actual = TypeOf(value);
        if (!types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
            return $"expected {string.Join(" or ", types)}, got {actual} {Sample(value)}";
        if (actual == "string" && schema["format"]?.ToString() == "date-time"
            && !DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return $"expected an RFC 3339 date-time, got {Sample(value)}";
        if (actual == "array" && schema["items"] is JObject items)
        {
            foreach (var (item, index) in ((JArray)value).Select((item, index) => (item, index)))
            {
                if (Mismatch(item, items) is { } problem) return $"item {index}: {problem}";
            }
        }
        return null;
    }

    private static string TypeOf(JToken value) => value.Type switch
    {
        JTokenType.Null => "null",
        JTokenType.String => "string",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.Array => "array",
        JTokenType.Object => "object",
        _ => value.Type.ToString().ToLowerInvariant(),
    };

    private static string Sample(JToken value)
    {
        var text = value.ToString(Newtonsoft.Json.Formatting.None);
        return text.Length > 60 ? text[..60] + "..." : text;
    }
}

/// <summary>A record broke its schema with validate_records on.</summary>
public sealed class RecordValidationException(string message) : Exception(message);

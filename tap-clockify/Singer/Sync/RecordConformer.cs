using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Turns a row into the record its schema describes: every selected column present (null when the
/// row lacks it), in schema order, each value converted to the column's declared type. Columns the
/// schema lacks are dropped without a word.
/// </summary>
public sealed class RecordConformer
{
    private static readonly JValue Null = JValue.CreateNull();
    private readonly string[] _names;
    private readonly ColumnKind[] _kinds;

    public RecordConformer(JObject schema, IReadOnlySet<string> selectedProperties)
    {
        var columns = ((JObject)schema["properties"]!).Properties().Where(p => selectedProperties.Contains(p.Name)).ToList();
        _names = columns.Select(p => p.Name).ToArray();
        _kinds = columns.Select(p => KindOf((JObject)p.Value)).ToArray();
    }

    /// <summary>The record's columns, in schema order; <see cref="Conform"/> gives their values in the same order.</summary>
    public IReadOnlyList<string> Names => _names;

    public JToken[] Conform(Row row)
    {
        var values = new JToken[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            values[i] = row.TryGetValue(_names[i], out var value) ? Convert(value, _kinds[i], _names[i]) : Null;
        }
        return values;
    }

    private enum ColumnKind { Text, Timestamp, Number, Integer, Boolean, Structured, Any }

    private static ColumnKind KindOf(JObject propertySchema)
    {
        var types = propertySchema["type"] switch
        {
            JArray array => array.Select(t => t.ToString()).Where(t => t != "null").ToArray(),
            JValue value => [value.ToString()],
            _ => [],
        };
        if (types.Length != 1) return ColumnKind.Any;
        return types[0] switch
        {
            "string" when propertySchema["format"]?.ToString() == "date-time" => ColumnKind.Timestamp,
            "string" => ColumnKind.Text,
            "number" => ColumnKind.Number,
            "integer" => ColumnKind.Integer,
            "boolean" => ColumnKind.Boolean,
            "array" or "object" => ColumnKind.Structured,
            _ => ColumnKind.Any,
        };
    }

    private static JToken Convert(JToken? value, ColumnKind kind, string column)
    {
        if (value is null || value.Type == JTokenType.Null || value is JValue { Value: null }) return Null;
        // An empty text where a time, number or flag belongs says "not set", as null does.
        if (kind is ColumnKind.Timestamp or ColumnKind.Number or ColumnKind.Integer or ColumnKind.Boolean
            && value.Type == JTokenType.String && string.IsNullOrWhiteSpace((string?)value)) return Null;
        try
        {
            return kind switch
            {
                ColumnKind.Text => value.Type == JTokenType.String ? value : new JValue(TextOf(value)),
                ColumnKind.Timestamp => value.Type == JTokenType.String && IsUtcRfc3339(value.ToString()) ? value : new JValue(NormalizeTimestamp(value.ToString())),
                ColumnKind.Number => ToNumber(value, integral: false),
                ColumnKind.Integer => ToNumber(value, integral: true),
                ColumnKind.Boolean => value.Type == JTokenType.Boolean ? value : new JValue(bool.Parse(value.ToString())),
                _ => value,
            };
        }
        catch (FormatException)
        {
            throw new FormatException($"column {column}: cannot convert {TextOf(value)} to {kind.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>Objects and arrays in a text column become compact JSON text; scalars their invariant text.</summary>
    private static string TextOf(JToken value) => value switch
    {
        JValue { Type: JTokenType.Boolean } b => (bool)b ? "true" : "false",
        JValue { Value: IFormattable f } => f.ToString(null, CultureInfo.InvariantCulture),
        JValue v => v.ToString(CultureInfo.InvariantCulture),
        _ => TapJson.Serialize(value),
    };

    private static JToken ToNumber(JToken value, bool integral)
    {
        if (value.Type is JTokenType.Integer or JTokenType.Float) return value;
        // Clockify sends some numbers as strings, such as workspaceSettings.round.minutes "15".
        var text = value.ToString().Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)) return new JValue(whole);
        if (!integral && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return new JValue(number);
        throw new FormatException(text);
    }

    /// <summary>Clockify's usual form, "2026-05-20T06:00:00Z", is already what the record needs.</summary>
    private static bool IsUtcRfc3339(string text) =>
        text.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z'
        && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>RFC 3339 in UTC; a time without an offset is taken as UTC, as Clockify's "Z" times are.</summary>
    public static string NormalizeTimestamp(string text)
    {
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}

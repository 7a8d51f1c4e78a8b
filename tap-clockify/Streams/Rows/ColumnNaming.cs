using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.Rows;

/// <summary>
/// The naming rule of the table contract: a field's column is its name in lower case, and a nested
/// object's fields become <c>parent__child</c>. A stream may rename column prefixes where the
/// reference layout differs (workspaceSettings hoisted, <c>timeinterval_start</c>, ...). Flattening
/// stops at any column the schema declares, so an object kept whole (such as a membership's
/// costRate) reaches the record as one value; arrays are kept whole.
/// </summary>
public sealed class ColumnNaming
{
    private readonly (string From, string To)[] _prefixRenames;

    // Column names per (prefix, field), worked out once: flattening millions of entries repeats them.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (string Raw, string Column)>> _names = new(StringComparer.Ordinal);

    // Only a rename into the top level (a hoist) can make two fields meet in one column.
    private readonly bool _fieldsMayMeet;

    public ColumnNaming(params (string From, string To)[] prefixRenames)
    {
        _prefixRenames = prefixRenames;
        _fieldsMayMeet = prefixRenames.Any(r => r.To.Length == 0);
    }

    public static readonly ColumnNaming Default = new();

    /// <summary>
    /// Flattens an API object. Where two paths land on one column, the shallower one's non-null
    /// value wins (so a top-level field beats a hoisted settings field of the same name).
    /// </summary>
    public Row Flatten(JObject apiObject, IReadOnlySet<string> schemaColumns)
    {
        var row = new Row(schemaColumns.Count + 8);
        List<(string RawPrefix, JObject Value)>? level = null;
        Flatten(row, "", apiObject, schemaColumns, ref level);
        // Breadth first: every field of one depth before any of the next.
        while (level is { Count: > 0 })
        {
            var current = level;
            level = null;
            foreach (var (prefix, nested) in current) Flatten(row, prefix, nested, schemaColumns, ref level);
        }
        return row;
    }

    private void Flatten(Row row, string rawPrefix, JObject value, IReadOnlySet<string> schemaColumns, ref List<(string, JObject)>? deeper)
    {
        var names = _names.GetOrAdd(rawPrefix, _ => new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal));
        foreach (var property in value.Properties())
        {
            if (!names.TryGetValue(property.Name, out var name))
            {
                var raw = rawPrefix + property.Name.ToLowerInvariant();
                name = names.GetOrAdd(property.Name, (raw, Rename(raw)));
            }
            if (property.Value is JObject nested && !schemaColumns.Contains(name.Column))
            {
                (deeper ??= []).Add((name.Raw + "__", nested));
                continue;
            }
            if (row.TryGetValue(name.Column, out var existing) && existing is { Type: not JTokenType.Null }) continue;
            row[name.Column] = property.Value;
        }
    }

    /// <summary>
    /// Reads the object at the reader straight into a row, by the same rule as <see cref="Flatten"/>,
    /// without building the object first: the hot path of millions of time entries.
    /// </summary>
    public Row ReadRow(JsonReader reader, IReadOnlySet<string> schemaColumns)
    {
        if (reader.TokenType != JsonToken.StartObject) throw new JsonReaderException($"expected an object, found {reader.TokenType}");
        var row = new Row(schemaColumns.Count + 8);
        Dictionary<string, int>? depths = _fieldsMayMeet ? new(StringComparer.Ordinal) : null;
        ReadObject(reader, row, "", 0, schemaColumns, depths);
        return row;
    }

    private void ReadObject(JsonReader reader, Row row, string rawPrefix, int depth, IReadOnlySet<string> schemaColumns, Dictionary<string, int>? depths)
    {
        var names = _names.GetOrAdd(rawPrefix, _ => new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal));
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var field = (string)reader.Value!;
            if (!names.TryGetValue(field, out var name))
            {
                var raw = rawPrefix + field.ToLowerInvariant();
                name = names.GetOrAdd(field, (raw, Rename(raw)));
            }
            reader.Read();
            if (reader.TokenType == JsonToken.StartObject && !schemaColumns.Contains(name.Column))
            {
                ReadObject(reader, row, name.Raw + "__", depth + 1, schemaColumns, depths);
                continue;
            }
            var value = reader.TokenType is JsonToken.StartObject or JsonToken.StartArray
                ? JToken.ReadFrom(reader, TapJson.LoadSettings)
                : new JValue(reader.Value);
            if (row.TryGetValue(name.Column, out var existing) && existing is { Type: not JTokenType.Null })
            {
                // Shallower wins, as in Flatten; a null never replaces a value.
                if (value.Type == JTokenType.Null || depths is null || depths.GetValueOrDefault(name.Column) <= depth) continue;
            }
            row[name.Column] = value;
            if (depths is not null) depths[name.Column] = depth;
        }
    }

    private string Rename(string raw)
    {
        foreach (var (from, to) in _prefixRenames)
        {
            if (raw.StartsWith(from, StringComparison.Ordinal)) return to + raw[from.Length..];
        }
        return raw;
    }
}

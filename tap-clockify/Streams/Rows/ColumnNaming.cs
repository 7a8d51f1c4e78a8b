using System.Collections.Concurrent;
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

    public ColumnNaming(params (string From, string To)[] prefixRenames) => _prefixRenames = prefixRenames;

    public static readonly ColumnNaming Default = new();

    /// <summary>
    /// Flattens an API object. Where two paths land on one column, the shallower one's non-null
    /// value wins (so a top-level field beats a hoisted settings field of the same name).
    /// </summary>
    public Row Flatten(JObject apiObject, IReadOnlySet<string> schemaColumns)
    {
        var row = new Row();
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

    private string Rename(string raw)
    {
        foreach (var (from, to) in _prefixRenames)
        {
            if (raw.StartsWith(from, StringComparison.Ordinal)) return to + raw[from.Length..];
        }
        return raw;
    }
}

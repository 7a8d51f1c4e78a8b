using Newtonsoft.Json.Linq;

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

    public ColumnNaming(params (string From, string To)[] prefixRenames) => _prefixRenames = prefixRenames;

    public static readonly ColumnNaming Default = new();

    /// <summary>
    /// Flattens an API object. Where two paths land on one column, the shallower one's non-null
    /// value wins (so a top-level field beats a hoisted settings field of the same name).
    /// </summary>
    public JObject Flatten(JObject apiObject, IReadOnlySet<string> schemaColumns)
    {
        var row = new JObject();
        var pending = new Queue<(string RawPrefix, JObject Value)>();
        pending.Enqueue(("", apiObject));
        while (pending.Count > 0)
        {
            var (rawPrefix, current) = pending.Dequeue();
            foreach (var property in current.Properties())
            {
                var raw = rawPrefix + property.Name.ToLowerInvariant();
                var column = Rename(raw);
                if (property.Value is JObject nested && !schemaColumns.Contains(column))
                {
                    pending.Enqueue((raw + "__", nested));
                    continue;
                }
                if (row[column] is { Type: not JTokenType.Null }) continue;
                row[column] = property.Value;
            }
        }
        return row;
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

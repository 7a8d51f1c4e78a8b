using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
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

    // Only a rename into the top level (a hoist) can make two fields meet in one column.
    private readonly bool _fieldsMayMeet;

    // The fields met so far under each row layout, worked out once: millions of entries repeat them.
    private readonly ConcurrentDictionary<RowLayout, Level> _roots = new();

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
    public Row Flatten(JObject apiObject, RowLayout layout)
    {
        var row = new Row(layout);
        List<(Level, JObject)>? level = null;
        Flatten(row, RootOf(layout), apiObject, ref level);
        // Breadth first: every field of one depth before any of the next.
        while (level is { Count: > 0 })
        {
            var current = level;
            level = null;
            foreach (var (fields, nested) in current) Flatten(row, fields, nested, ref level);
        }
        return row;
    }

    private static void Flatten(Row row, Level level, JObject value, ref List<(Level, JObject)>? deeper)
    {
        foreach (var property in value.Properties())
        {
            var field = level.FieldNamed(property.Name);
            if (property.Value is JObject nested && field.Index < 0)
            {
                (deeper ??= []).Add((field.Nested, nested));
                continue;
            }
            if (field.Index < 0 || !row[field.Index].IsNullOrAbsent) continue;
            row[field.Index] = JsonFragment.FromToken(property.Value);
        }
    }

    /// <summary>
    /// Reads the object at the reader straight into a row, by the same rule as <see cref="Flatten"/>,
    /// keeping each value as the text it was read from: the hot path of millions of time entries.
    /// The row keeps a copy of the object's text, not <paramref name="json"/> itself.
    /// </summary>
    /// <param name="reuse">A row of the same layout that nothing refers to any more, to fill instead of a new one.</param>
    public Row ReadRow(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, RowLayout layout, Row? reuse = null)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected an object, found {reader.TokenType}");
        var row = reuse?.Layout == layout ? reuse : new Row(layout);
        row.Clear();
        var depths = _fieldsMayMeet ? new int[layout.Columns.Count] : null;
        var objectStart = (int)reader.TokenStartIndex;
        ReadObject(ref reader, json.Span, objectStart, row, RootOf(layout), 0, depths);
        row.KeepText(json.Span[objectStart..(int)reader.BytesConsumed]);
        return row;
    }

    private static void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int objectStart, Row row, Level level, int depth, int[]? depths)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = level.FieldAt(ref reader, position++);
            reader.Read();
            if (field.Index < 0)
            {
                if (reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, json, objectStart, row, field.Nested, depth + 1, depths);
                else reader.Skip();
                continue;
            }
            var asIs = JsonFragment.ReadRange(ref reader, json, out var start, out var length, out var kind);
            // Shallower wins, as in Flatten; a null never replaces a value.
            if (row.HasValue(field.Index) && (kind == JsonValueKind.Null || depths is null || depths[field.Index] <= depth)) continue;
            if (asIs) row.SetTextRange(field.Index, start - objectStart, length, kind);
            else row[field.Index] = JsonFragment.Compacted(json.Slice(start, length), kind);
            if (depths is not null) depths[field.Index] = depth;
        }
    }

    // The root last asked for: a list's rows are all of one layout, so this spares a look-up per row.
    private Level? _lastRoot;

    private Level RootOf(RowLayout layout)
    {
        var last = Volatile.Read(ref _lastRoot);
        if (last?.Layout == layout) return last;
        var root = _roots.GetOrAdd(layout, static (l, naming) => new Level(naming, l, ""), this);
        Volatile.Write(ref _lastRoot, root);
        return root;
    }

    private string Rename(string raw)
    {
        foreach (var (from, to) in _prefixRenames)
        {
            if (raw.StartsWith(from, StringComparison.Ordinal)) return to + raw[from.Length..];
        }
        return raw;
    }

    /// <summary>A field of an object at some depth: its column, and the layout's index of it (-1 if undeclared).</summary>
    private sealed class Field(Level owner, string apiName, string raw, int index)
    {
        private Level? _nested;

        public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(apiName);
        public int Index => index;

        /// <summary>The fields of an object under this one.</summary>
        public Level Nested => _nested ??= new Level(owner.Naming, owner.Layout, raw + "__");
    }

    /// <summary>The fields met at one depth (one column prefix) of one layout's objects.</summary>
    private sealed class Level(ColumnNaming naming, RowLayout layout, string rawPrefix)
    {
        // Beyond this many fields an object's order is not remembered.
        private const int PositionsRemembered = 64;

        private readonly ConcurrentDictionary<string, Field> _byName = new(StringComparer.Ordinal);

        // Fields by position as the last object listed them: Clockify lists them in one order, so the
        // next field is found by one comparison of bytes. Replaced whole, never changed in place.
        private Field?[] _byPosition = [];

        public ColumnNaming Naming => naming;
        public RowLayout Layout => layout;

        public Field FieldNamed(string apiName) => _byName.GetOrAdd(apiName, name =>
        {
            var raw = rawPrefix + name.ToLowerInvariant();
            return new Field(this, name, raw, layout.IndexOf(naming.Rename(raw)));
        });

        /// <summary>The field whose name the reader is on, the <paramref name="position"/>-th of its object.</summary>
        public Field FieldAt(ref Utf8JsonReader reader, int position)
        {
            var known = Volatile.Read(ref _byPosition);
            if (position < known.Length && known[position] is { } expected && reader.ValueTextEquals(expected.Utf8Name)) return expected;
            var field = FieldNamed(reader.GetString()!);
            if (position < PositionsRemembered)
            {
                var updated = new Field?[Math.Max(known.Length, position + 1)];
                known.CopyTo(updated, 0);
                updated[position] = field;
                Volatile.Write(ref _byPosition, updated);
            }
            return field;
        }
    }
}

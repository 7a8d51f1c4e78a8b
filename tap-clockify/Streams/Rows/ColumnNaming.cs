using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
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
    /// Reads the object that starts at <paramref name="start"/> of <paramref name="json"/>, one level
    /// inside a list, straight into a row, by the same rule as <see cref="Flatten"/>, keeping each
    /// value as the text it was read from and checking it is JSON: the hot path of millions of time
    /// entries. <paramref name="end"/> is where the object ends. The row keeps a copy of the
    /// object's text, not <paramref name="json"/> itself.
    /// </summary>
    /// <param name="reuse">A row of the same layout that nothing refers to any more, to fill instead of a new one.</param>
    public Row ReadRow(ReadOnlySpan<byte> json, int start, out int end, RowLayout layout, Row? reuse = null)
    {
        if (start >= json.Length || json[start] != (byte)'{') throw new JsonException($"expected an object at byte {start}");
        var row = reuse?.Layout == layout ? reuse : new Row(layout);
        row.Clear();
        var depths = _fieldsMayMeet ? new int[layout.Columns.Count] : null;
        end = ReadObject(json, start, start, row, RootOf(layout), 0, depths);
        row.KeepText(json[start..end]);
        return row;
    }

    /// <summary>Reads the object at <paramref name="at"/>, <paramref name="depth"/> objects below the row's own; returns where it ends.</summary>
    private static int ReadObject(ReadOnlySpan<byte> json, int at, int objectStart, Row row, Level level, int depth, int[]? depths)
    {
        // The row's object is one level inside its list, as the list's reader counts levels.
        var jsonDepth = depth + 1;
        if (jsonDepth >= JsonScanner.MaxDepth) throw new JsonException($"the JSON text is nested more than {JsonScanner.MaxDepth} levels deep at byte {at}");
        at = JsonScanner.SkipWhitespace(json, at + 1);
        if (at < json.Length && json[at] == (byte)'}') return at + 1;
        var position = 0;
        do
        {
            int valueStart;
            Field field;
            // The field the last object had here, if this name and its colon are its bytes: found without reading the name.
            if (level.ExpectedAt(position) is { QuotedName: { } quoted } expected && json[at..].StartsWith(quoted))
            {
                field = expected;
                valueStart = JsonScanner.SkipWhitespace(json, at + quoted.Length);
            }
            else
            {
                valueStart = JsonScanner.PropertyName(json, at, out var nameEnd, out var nameHasEscapes);
                field = level.FieldAt(json[at..nameEnd], nameHasEscapes, position);
            }
            position++;
            if (field.Index < 0)
            {
                at = valueStart < json.Length && json[valueStart] == (byte)'{'
                    ? ReadObject(json, valueStart, objectStart, row, field.Nested, depth + 1, depths)
                    : JsonScanner.Value(json, valueStart, jsonDepth + 1, out _);
                continue;
            }
            at = JsonScanner.Value(json, valueStart, jsonDepth + 1, out var kind);
            var value = json[valueStart..at];
            // Shallower wins, as in Flatten; a null never replaces a value.
            if (row.HasValue(field.Index) && (kind == JsonValueKind.Null || depths is null || depths[field.Index] <= depth)) continue;
            if (JsonFragment.SpansLines(value, kind)) row[field.Index] = JsonFragment.Compacted(value, kind);
            else row.SetTextRange(field.Index, valueStart - objectStart, value.Length, kind);
            if (depths is not null) depths[field.Index] = depth;
        } while (!JsonScanner.AfterMember(json, ref at));
        return at;
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

        /// <summary>
        /// The name as JSON writes it, quoted and followed by its colon (<c>"name":</c>); null for a
        /// name JSON would escape, whose text is not its bytes.
        /// </summary>
        public byte[]? QuotedName { get; } = apiName.Any(c => c is '"' or '\\' or < ' ' or > '~') ? null : Encoding.UTF8.GetBytes($"\"{apiName}\":");

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

        /// <summary>The field the last object read had at <paramref name="position"/>, if it is remembered.</summary>
        public Field? ExpectedAt(int position)
        {
            var known = Volatile.Read(ref _byPosition);
            return position < known.Length ? known[position] : null;
        }

        /// <summary>The field named by <paramref name="name"/> (its JSON text, quotes included), the <paramref name="position"/>-th of its object.</summary>
        public Field FieldAt(ReadOnlySpan<byte> name, bool hasEscapes, int position)
        {
            var known = Volatile.Read(ref _byPosition);
            if (position < known.Length && known[position] is { } expected && !hasEscapes && name[1..^1].SequenceEqual(expected.Utf8Name)) return expected;
            var field = FieldNamed(hasEscapes ? JsonScanner.Unescaped(name[1..^1]) : Encoding.UTF8.GetString(name[1..^1]));
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

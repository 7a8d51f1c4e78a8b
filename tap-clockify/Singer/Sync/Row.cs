using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>The columns of a stream's schema, each with a fixed index into the rows of that stream.</summary>
public sealed class RowLayout
{
    private readonly Dictionary<string, int> _indexes;

    public RowLayout(IEnumerable<string> columns)
    {
        Columns = columns.ToArray();
        _indexes = Columns.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
    }

    public static RowLayout Of(JObject schema) => new(((JObject)schema["properties"]!).Properties().Select(p => p.Name));

    public IReadOnlyList<string> Columns { get; }

    /// <summary>-1 for a column the schema does not declare.</summary>
    public int IndexOf(string column) => _indexes.GetValueOrDefault(column, -1);

    public bool Contains(string column) => _indexes.ContainsKey(column);
}

/// <summary>
/// One row of a stream before it is conformed to the schema: a value per column of its layout, as
/// the JSON text it was read from. A value for a column the schema does not declare is dropped.
/// </summary>
public sealed class Row(RowLayout layout)
{
    private readonly JsonFragment[] _values = new JsonFragment[layout.Columns.Count];

    public RowLayout Layout => layout;

    public JsonFragment this[int column]
    {
        get => _values[column];
        set => _values[column] = value;
    }

    /// <summary>Absent for a column the row lacks or the schema does not declare.</summary>
    public JsonFragment this[string column]
    {
        get => layout.IndexOf(column) is var index and >= 0 ? _values[index] : default;
        set
        {
            if (layout.IndexOf(column) is var index and >= 0) _values[index] = value;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/>, the JSON the row was read from, and points every value read
    /// from it at the copy: the source may then be reused while the row lives on.
    /// </summary>
    public void KeepOwnCopyOf(ReadOnlyMemory<byte> source)
    {
        if (!MemoryMarshal.TryGetArray(source, out var from)) throw new ArgumentException("not an array's memory", nameof(source));
        var copy = source.ToArray();
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i].IsAbsent || !MemoryMarshal.TryGetArray(_values[i].Utf8, out var value) || value.Array != from.Array) continue;
            if (value.Offset < from.Offset || value.Offset + value.Count > from.Offset + from.Count) continue;
            _values[i] = new JsonFragment(copy.AsMemory(value.Offset - from.Offset, value.Count), _values[i].Kind);
        }
    }

    /// <summary>The columns that have a value (null included), in layout order.</summary>
    public IEnumerable<string> PresentColumns => layout.Columns.Where((_, i) => !_values[i].IsAbsent);
}

using System.Runtime.CompilerServices;
using System.Text.Json;
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
/// A row read from an API object keeps that object's text once, its values as ranges of it.
/// </summary>
public sealed class Row(RowLayout layout)
{
    // Per column: 0 when absent; else the kind in the low 4 bits, then the length (28 bits) and the
    // start (32 bits) of the value in _text, or the kind Elsewhere for a value kept in _elsewhere.
    private readonly long[] _slots = new long[layout.Columns.Count];
    private JsonFragment[]? _elsewhere;
    private byte[] _text = [];
    // How much of _text holds values: the kept object's text, then values set by SetText.
    private int _textLength;
    private const int Elsewhere = 15;

    public RowLayout Layout => layout;

    public JsonFragment this[int column]
    {
        get
        {
            var slot = _slots[column];
            if (slot == 0) return default;
            var kind = (int)(slot & 0xF);
            return kind == Elsewhere
                ? _elsewhere![column]
                : new JsonFragment(_text.AsMemory((int)(slot >>> 32), (int)((slot >>> 4) & 0xFFFFFFF)), (JsonValueKind)kind);
        }
        set
        {
            if (value.IsAbsent)
            {
                _slots[column] = 0;
                return;
            }
            (_elsewhere ??= new JsonFragment[_slots.Length])[column] = value;
            _slots[column] = Elsewhere;
        }
    }

    /// <summary>
    /// The JSON text of a column's value and its kind (<see cref="JsonValueKind.Undefined"/> and no
    /// text when absent), without making a <see cref="JsonFragment"/>: records are written from it.
    /// The text lives as long as the row's value does.
    /// </summary>
    public ReadOnlySpan<byte> TextOf(int column, out JsonValueKind kind) => TextOf(column, out kind, out _);

    /// <summary>
    /// As <see cref="TextOf(int, out JsonValueKind)"/>; <paramref name="isBlockReadable"/> is true when
    /// <see cref="ReadableBlock"/> bytes may be read from the text's start (those past its end are
    /// the row's, of no meaning), so a short value can be copied as one block of that size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> TextOf(int column, out JsonValueKind kind, out bool isBlockReadable)
    {
        var slot = _slots[column];
        var slotKind = (int)(slot & 0xF);
        if (slotKind == Elsewhere)
        {
            var value = _elsewhere![column];
            kind = value.Kind;
            isBlockReadable = false;
            return value.Utf8.Span;
        }
        kind = (JsonValueKind)slotKind;
        // The row's text always has ReadableBlock bytes of room past its end (KeepText, SetText).
        isBlockReadable = slot != 0;
        return slot == 0 ? default : _text.AsSpan((int)(slot >>> 32), (int)((slot >>> 4) & 0xFFFFFFF));
    }

    /// <summary>The size of the block <see cref="TextOf(int, out JsonValueKind, out bool)"/> may allow reading.</summary>
    public const int ReadableBlock = 32;

    /// <summary>Absent for a column the row lacks or the schema does not declare.</summary>
    public JsonFragment this[string column]
    {
        get => layout.IndexOf(column) is var index and >= 0 ? this[index] : default;
        set
        {
            if (layout.IndexOf(column) is var index and >= 0) this[index] = value;
        }
    }

    /// <summary>Empties the row to be filled again; its buffers are kept.</summary>
    public void Clear()
    {
        _textLength = 0;
        Array.Clear(_slots);
        if (_elsewhere is not null) Array.Clear(_elsewhere);
    }

    /// <summary>True when the column has a value other than null.</summary>
    public bool HasValue(int column) => (_slots[column] & 0xF) switch
    {
        Elsewhere => !_elsewhere![column].IsNullOrAbsent,
        var kind => _slots[column] != 0 && kind != (int)JsonValueKind.Null,
    };

    /// <summary>The text of the object the row is read from; see <see cref="SetTextRange"/>.</summary>
    public void KeepText(ReadOnlySpan<byte> text)
    {
        // A row filled again keeps its buffer: most objects of a list are about the same size.
        if (_text.Length < text.Length + ReadableBlock) _text = new byte[text.Length + 2 * ReadableBlock];
        text.CopyTo(_text);
        _textLength = text.Length;
    }

    /// <summary>
    /// A value given as its JSON text, copied into the row's own buffer (after the kept text, if
    /// any), so a row filled value by value makes no object per value. Nothing for a column of -1.
    /// </summary>
    public void SetText(int column, ReadOnlySpan<byte> text, JsonValueKind kind)
    {
        if (column < 0) return;
        if (_textLength + text.Length + ReadableBlock > _text.Length)
        {
            // Values already set keep their places: the text so far moves over whole.
            var larger = new byte[Math.Max(_text.Length * 2, _textLength + text.Length + 2 * ReadableBlock)];
            _text.AsSpan(0, _textLength).CopyTo(larger);
            _text = larger;
        }
        text.CopyTo(_text.AsSpan(_textLength));
        SetTextRange(column, _textLength, text.Length, kind);
        _textLength += text.Length;
    }

    /// <summary>A value that is <paramref name="length"/> bytes of the row's text from <paramref name="start"/>.</summary>
    public void SetTextRange(int column, int start, int length, JsonValueKind kind)
    {
        if (kind == JsonValueKind.Undefined || length > 0xFFFFFFF) throw new ArgumentOutOfRangeException(nameof(kind));
        _slots[column] = ((long)start << 32) | ((long)length << 4) | (long)kind;
    }

    /// <summary>The columns that have a value (null included), in layout order.</summary>
    public IEnumerable<string> PresentColumns => layout.Columns.Where((_, i) => _slots[i] != 0);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Turns a row into the record its schema describes: every selected column present (null when the
/// row lacks it), in schema order, each value converted to the column's declared type. A value
/// already of its column's type is kept as the text it was read from.
/// </summary>
public sealed class RecordConformer
{
    private readonly string[] _names;
    private readonly ColumnKind[] _kinds;
    private readonly int[] _rowIndexes;
    private readonly RowLayout _layout;

    public RecordConformer(JObject schema, IReadOnlySet<string> selectedProperties, RowLayout layout)
    {
        var columns = ((JObject)schema["properties"]!).Properties().Where(p => selectedProperties.Contains(p.Name)).ToList();
        _layout = layout;
        _names = columns.Select(p => p.Name).ToArray();
        _kinds = columns.Select(p => KindOf((JObject)p.Value)).ToArray();
        _rowIndexes = _names.Select(layout.IndexOf).ToArray();
    }

    /// <summary>The record's columns, in schema order; <see cref="Conform"/> gives their values in the same order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Puts the record's values, in the order of <see cref="Names"/>, into <paramref name="values"/>.</summary>
    public void Conform(Row row, Span<JsonFragment> values)
    {
        CheckLayout(row);
        for (var i = 0; i < _names.Length; i++)
        {
            if (_rowIndexes[i] < 0)
            {
                values[i] = JsonFragment.Null;
                continue;
            }
            var value = row[_rowIndexes[i]];
            values[i] = value.IsNullOrAbsent ? JsonFragment.Null : IsConformed(value.Utf8.Span, value.Kind, _kinds[i]) ? value : Convert(value, _kinds[i], _names[i]);
        }
    }

    /// <summary>Throws unless the row is of the layout this conformer was made for.</summary>
    public void CheckLayout(Row row)
    {
        if (row.Layout != _layout) throw new InvalidOperationException("a row of another stream's layout");
    }

    /// <summary>
    /// The JSON text of the record's <paramref name="position"/>-th value (in the order of
    /// <see cref="Names"/>), what <see cref="Conform"/> gives there: the row's own text when it is
    /// already of its column's type, so records are written from the row without a copy. The row
    /// must be of this conformer's layout (<see cref="CheckLayout"/>).
    /// </summary>
    public ReadOnlySpan<byte> ValueText(Row row, int position) => ValueText(row, position, out _);

    /// <summary>
    /// As <see cref="ValueText(Row, int)"/>; <paramref name="isBlockReadable"/> is true when
    /// <see cref="Row.ReadableBlock"/> bytes may be read from the text's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ValueText(Row row, int position, out bool isBlockReadable)
    {
        isBlockReadable = true;
        var column = _rowIndexes[position];
        if (column < 0) return NullText;
        var text = row.TextOf(column, out var kind, out isBlockReadable);
        if (kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            isBlockReadable = true;
            return NullText;
        }
        if (IsConformed(text, kind, _kinds[position])) return text;
        isBlockReadable = false;
        return Converted(row, column, position);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> Converted(Row row, int column, int position) => Convert(row[column], _kinds[position], _names[position]).Utf8.Span;

    // "null", then room to read a whole block from its start.
    private static readonly byte[] PaddedNull = [.. "null"u8, .. new byte[Row.ReadableBlock - 4]];
    private static ReadOnlySpan<byte> NullText
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => PaddedNull.AsSpan(0, 4);
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

    /// <summary>True when a value (not null) of <paramref name="kind"/> goes into a column of <paramref name="column"/>'s kind as it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsConformed(ReadOnlySpan<byte> text, JsonValueKind kind, ColumnKind column) => (column, kind) switch
    {
        (ColumnKind.Text, JsonValueKind.String) => true,
        (ColumnKind.Number or ColumnKind.Integer, JsonValueKind.Number) => true,
        (ColumnKind.Boolean, JsonValueKind.True or JsonValueKind.False) => true,
        (ColumnKind.Structured or ColumnKind.Any, _) => true,
        (ColumnKind.Timestamp, JsonValueKind.String) => Timestamps.IsCompactUtc(text[1..^1]),
        _ => false,
    };

    /// <summary>A value (not null) that is not already of its column's type, converted to it.</summary>
    private static JsonFragment Convert(JsonFragment value, ColumnKind kind, string column)
    {
        var text = value.GetString()!;
        // An empty text where a time, number or flag belongs says "not set", as null does.
        if (kind != ColumnKind.Text && value.Kind == JsonValueKind.String && string.IsNullOrWhiteSpace(text)) return JsonFragment.Null;
        try
        {
            return kind switch
            {
                // Objects and arrays in a text column become their compact JSON text; scalars their text.
                ColumnKind.Text => JsonFragment.FromString(value.Kind is JsonValueKind.Object or JsonValueKind.Array ? TapJson.Serialize(TapJson.Parse(text)) : text),
                ColumnKind.Timestamp => JsonFragment.FromString(Timestamps.Normalize(text)),
                ColumnKind.Number => ToNumber(text, integral: false),
                ColumnKind.Integer => ToNumber(text, integral: true),
                _ => JsonFragment.FromBoolean(bool.Parse(text)),
            };
        }
        catch (FormatException)
        {
            throw new FormatException($"column {column}: cannot convert {text} to {kind.ToString().ToLowerInvariant()}");
        }
    }

    private static JsonFragment ToNumber(string text, bool integral)
    {
        // Clockify sends some numbers as strings, such as workspaceSettings.round.minutes "15".
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            return JsonFragment.FromNumberText(whole.ToString(CultureInfo.InvariantCulture));
        if (!integral && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonFragment.FromNumberText(number.ToString(CultureInfo.InvariantCulture));
        throw new FormatException(text);
    }
}

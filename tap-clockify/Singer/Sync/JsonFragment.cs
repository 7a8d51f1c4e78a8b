using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// One JSON value as the UTF-8 text it was read from (a string with its quotes and escapes), and
/// its kind. Records are written from this text as it is, so a value reaches the target exactly as
/// Clockify sent it. The default value is "absent": a column the object did not have.
/// </summary>
public readonly struct JsonFragment
{
    public JsonFragment(ReadOnlyMemory<byte> utf8, JsonValueKind kind)
    {
        Utf8 = utf8;
        Kind = kind;
    }

    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary><see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonValueKind Kind { get; }

    public bool IsAbsent => Kind == JsonValueKind.Undefined;
    public bool IsNullOrAbsent => Kind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static readonly JsonFragment Null = new("null"u8.ToArray(), JsonValueKind.Null);
    private static readonly JsonFragment True = new("true"u8.ToArray(), JsonValueKind.True);
    private static readonly JsonFragment False = new("false"u8.ToArray(), JsonValueKind.False);

    public static JsonFragment FromString(string text) => new(Encoding.UTF8.GetBytes(JsonConvert.ToString(text)), JsonValueKind.String);

    public static JsonFragment FromBoolean(bool value) => value ? True : False;

    /// <summary>A number from text already in JSON's number form.</summary>
    public static JsonFragment FromNumberText(string digits) => new(Encoding.UTF8.GetBytes(digits), JsonValueKind.Number);

    public static JsonFragment FromToken(JToken? token)
    {
        var kind = token?.Type switch
        {
            null or JTokenType.Null or JTokenType.Undefined => JsonValueKind.Null,
            JTokenType.Integer or JTokenType.Float => JsonValueKind.Number,
            JTokenType.Boolean => (bool)token ? JsonValueKind.True : JsonValueKind.False,
            JTokenType.Array => JsonValueKind.Array,
            JTokenType.Object => JsonValueKind.Object,
            _ => JsonValueKind.String,
        };
        return kind == JsonValueKind.Null ? Null : new(Encoding.UTF8.GetBytes(token!.ToString(Formatting.None)), kind);
    }

    /// <summary>
    /// The value at the reader, which is left on its last token; <paramref name="json"/> is the text
    /// the reader reads. Objects and arrays keep their text unless it spans lines, which a Singer
    /// message may not.
    /// </summary>
    public static JsonFragment Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        var asIs = ReadRange(ref reader, json.Span, out var start, out var length, out var kind);
        var text = json.Slice(start, length);
        return asIs ? new JsonFragment(text, kind) : Compacted(text.Span, kind);
    }

    /// <summary>
    /// Where the value at the reader lies in <paramref name="json"/>, the text the reader reads; the
    /// reader is left on its last token. False when that text spans lines and needs <see cref="Compacted"/>.
    /// </summary>
    public static bool ReadRange(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out int start, out int length, out JsonValueKind kind)
    {
        kind = reader.TokenType switch
        {
            JsonTokenType.String => JsonValueKind.String,
            JsonTokenType.Number => JsonValueKind.Number,
            JsonTokenType.True => JsonValueKind.True,
            JsonTokenType.False => JsonValueKind.False,
            JsonTokenType.Null => JsonValueKind.Null,
            JsonTokenType.StartArray => JsonValueKind.Array,
            JsonTokenType.StartObject => JsonValueKind.Object,
            _ => throw new System.Text.Json.JsonException($"expected a value, found {reader.TokenType}"),
        };
        start = (int)reader.TokenStartIndex;
        if (kind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            length = (int)reader.BytesConsumed - start;
            return true;
        }
        reader.Skip();
        length = (int)reader.BytesConsumed - start;
        return !SpansLines(json.Slice(start, length), kind);
    }

    /// <summary>True for an object or array whose text spans lines: a Singer message is one line, so it needs <see cref="Compacted"/>.</summary>
    public static bool SpansLines(ReadOnlySpan<byte> text, JsonValueKind kind) =>
        kind is (JsonValueKind.Object or JsonValueKind.Array) && text.IndexOfAny((byte)'\n', (byte)'\r') >= 0;

    /// <summary>An object or array on one line.</summary>
    public static JsonFragment Compacted(ReadOnlySpan<byte> text, JsonValueKind kind) =>
        new(Encoding.UTF8.GetBytes(TapJson.Serialize(TapJson.Parse(text))), kind);

    /// <summary>The moment a string value names; null when it is not a timestamp.</summary>
    public DateTimeOffset? ToTimestamp()
    {
        if (Kind != JsonValueKind.String) return null;
        if (Timestamps.TryParseCompactUtc(Utf8.Span[1..^1], out var compact)) return compact;
        return Timestamps.TryParse(GetString(), out var parsed) ? parsed : null;
    }

    /// <summary>The value of a string; the JSON text of anything else; null when null or absent.</summary>
    public string? GetString()
    {
        if (IsNullOrAbsent) return null;
        if (Kind != JsonValueKind.String) return Encoding.UTF8.GetString(Utf8.Span);
        var unquoted = Utf8.Span[1..^1];
        // Most strings have no escapes: their text is what lies between the quotes.
        if (unquoted.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(unquoted);
        var reader = new Utf8JsonReader(Utf8.Span);
        reader.Read();
        return reader.GetString();
    }

    /// <summary>The strings of an array (other items skipped); none for anything but an array.</summary>
    public IReadOnlyList<JsonFragment> StringItems()
    {
        if (Kind != JsonValueKind.Array) return [];
        var items = new List<JsonFragment>();
        var reader = new Utf8JsonReader(Utf8.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) items.Add(Read(ref reader, Utf8));
            else reader.Skip();
        }
        return items;
    }

    /// <summary>Same kind and same text.</summary>
    public bool SameAs(JsonFragment other) => Kind == other.Kind && Utf8.Span.SequenceEqual(other.Utf8.Span);

    public JToken ToToken() => IsNullOrAbsent ? JValue.CreateNull() : TapJson.Parse(Utf8.Span);

    /// <summary>The JSON text; empty when absent.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);
}

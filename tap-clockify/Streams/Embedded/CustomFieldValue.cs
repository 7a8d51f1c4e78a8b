using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.Embedded;

/// <summary>
/// A custom field's value as text (TABLES-NEXT §3): values may be a string, number, boolean, list
/// (multi-select) or null, so a string stays as it is, anything else becomes its compact JSON text
/// (12.5, true, ["a","b"]) and null stays null.
/// </summary>
public static class CustomFieldValue
{
    public static JsonFragment AsText(JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } or JValue { Value: null } => JsonFragment.Null,
        { Type: JTokenType.String } => JsonFragment.FromToken(value),
        _ => JsonFragment.FromString(TapJson.Serialize(value)),
    };

    /// <summary>The objects of a JSON list held in a row's column; none when it is null, empty or not a list.</summary>
    public static IEnumerable<JObject> ObjectsIn(JsonFragment list) =>
        list.Kind == JsonValueKind.Array && !IsEmptyList(list.Utf8.Span) ? ((JArray)list.ToToken()).OfType<JObject>() : [];

    // Most entries have no custom-field values: their empty list is told from its text, not parsed
    // into Json.NET objects (2 KB of garbage per entry, which set the peak memory of a full sync).
    private static bool IsEmptyList(ReadOnlySpan<byte> list) => list[1..].TrimStart(" \t\r\n"u8) is [(byte)']', ..];
}

using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>What a record's column must hold, read from the API object the emulator served.</summary>
public static class ExpectedValues
{
    public static JToken? At(JObject apiObject, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            JToken? current = apiObject;
            foreach (var part in path.Split('.'))
            {
                current = current is JObject obj ? obj[part] : null;
            }
            // A JValue built from a null string claims type String; it is still JSON null.
            if (current is { Type: not JTokenType.Null } and not JValue { Value: null }) return current;
        }
        return null;
    }

    /// <summary>Asserts a record value equals the API value, read with the column's declared type.</summary>
    public static string? Mismatch(JToken? apiValue, JToken recordValue, JObject columnSchema)
    {
        var types = columnSchema["type"] is JArray a ? a.Select(t => t.ToString()).ToArray() : [columnSchema["type"]?.ToString() ?? ""];
        if (apiValue is null || apiValue.Type == JTokenType.Null || apiValue is JValue { Value: null })
            return recordValue.Type == JTokenType.Null ? null : $"expected null, got {recordValue}";
        if (recordValue.Type == JTokenType.Null) return $"expected {apiValue}, got null";

        if (types.Contains("number"))
        {
            var expected = decimal.Parse(apiValue.ToString(), CultureInfo.InvariantCulture);
            return recordValue.Type is JTokenType.Integer or JTokenType.Float && recordValue.Value<decimal>() == expected
                ? null : $"expected number {expected}, got {recordValue}";
        }
        if (columnSchema["format"]?.ToString() == "date-time")
        {
            var expected = DateTimeOffset.Parse(apiValue.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var actual = DateTimeOffset.Parse(recordValue.ToString(), CultureInfo.InvariantCulture);
            return expected == actual && recordValue.ToString().EndsWith('Z') ? null : $"expected instant {apiValue}, got {recordValue}";
        }
        if (types.Contains("string"))
        {
            var expected = apiValue.Type == JTokenType.String ? apiValue.ToString() : apiValue.ToString(Newtonsoft.Json.Formatting.None);
            if (apiValue.Type == JTokenType.Boolean) expected = (bool)apiValue ? "true" : "false";
            return recordValue.Type == JTokenType.String && recordValue.ToString() == expected ? null : $"expected text {expected}, got {recordValue}";
        }
        return JToken.DeepEquals(apiValue, recordValue) ? null : $"expected {apiValue.ToString(Newtonsoft.Json.Formatting.None)}, got {recordValue.ToString(Newtonsoft.Json.Formatting.None)}";
    }
}

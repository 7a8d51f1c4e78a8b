using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify;

/// <summary>The one set of JSON rules of the tap: values keep the exact text Clockify sent.</summary>
public static class TapJson
{
    public static readonly JsonLoadSettings LoadSettings = new() { LineInfoHandling = LineInfoHandling.Ignore };

    /// <summary>Dates stay strings (no silent time-zone conversion) and numbers stay decimal (no float rounding).</summary>
    public static JsonTextReader CreateReader(TextReader text) => new(text)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
    };

    public static JToken Parse(string json)
    {
        using var reader = CreateReader(new StringReader(json));
        var token = JToken.ReadFrom(reader, LoadSettings);
        // A trailing second document or garbage means the text was not one JSON value.
        if (reader.Read()) throw new JsonReaderException("unexpected content after the JSON value");
        return token;
    }

    /// <summary>One JSON value from its UTF-8 text.</summary>
    public static JToken Parse(ReadOnlySpan<byte> utf8) => Parse(System.Text.Encoding.UTF8.GetString(utf8));

    public static string Serialize(JToken token) => token.ToString(Formatting.None);
}

using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Messages;

/// <summary>SCHEMA, STATE and ACTIVATE_VERSION messages as Singer frames them: one JSON object a line, in UTF-8.</summary>
internal static class SingerMessageLines
{
    public static byte[] Schema(string stream, JObject schema, IReadOnlyList<string> keyProperties, IReadOnlyList<string>? bookmarkProperties)
    {
        var message = Message("SCHEMA", stream);
        message["schema"] = schema;
        message["key_properties"] = new JArray(keyProperties);
        if (bookmarkProperties is { Count: > 0 }) message["bookmark_properties"] = new JArray(bookmarkProperties);
        return Line(message);
    }

    public static byte[] ActivateVersion(string stream, long version)
    {
        var message = Message("ACTIVATE_VERSION", stream);
        message["version"] = version;
        return Line(message);
    }

    /// <param name="value">The state, already one line of JSON.</param>
    public static byte[] State(string value) => Encoding.UTF8.GetBytes("{\"type\":\"STATE\",\"value\":" + value + "}\n");

    private static JObject Message(string type, string stream) => new() { ["type"] = type, ["stream"] = stream };

    private static byte[] Line(JObject message) => Encoding.UTF8.GetBytes(message.ToString(Formatting.None) + "\n");
}

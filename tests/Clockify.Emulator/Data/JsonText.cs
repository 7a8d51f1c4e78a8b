using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal static class JsonText
{
    /// <summary>A JSON string, or a true JSON null. Newtonsoft turns a null <c>string</c> into a
    /// String-typed token that merely prints as null; tests reading the dataset should see Null.</summary>
    public static JToken OrNull(string? value) => value == null ? JValue.CreateNull() : new JValue(value);
}

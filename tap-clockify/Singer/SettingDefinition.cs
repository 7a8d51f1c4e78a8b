using Newtonsoft.Json.Linq;

namespace TapClockify.Singer;

/// <summary>The kinds of setting Meltano knows (its plugin definitions' "kind").</summary>
public enum SettingKind { String, Password, Integer, Number, Boolean, Array, Object, DateIso8601, Options }

/// <summary>One setting of the tap: the single source for config parsing, --about and the README.</summary>
public sealed record SettingDefinition(
    string Name,
    SettingKind Kind,
    string Description,
    JToken? Default = null,
    bool Required = false,
    IReadOnlyList<string>? Options = null)
{
    public bool IsSecret => Kind == SettingKind.Password;

    /// <summary>The environment variable that supplies the setting when the config file leaves it out.</summary>
    public string EnvironmentVariable(string tapName) =>
        $"{tapName.Replace('-', '_').ToUpperInvariant()}_{Name.ToUpperInvariant()}";

    /// <summary>The setting as a JSON Schema property, in the shape Meltano SDK taps print in --about.</summary>
    public JObject ToJsonSchema()
    {
        var schema = Kind switch
        {
            SettingKind.Integer => new JObject { ["type"] = "integer" },
            SettingKind.Number => new JObject { ["type"] = "number" },
            SettingKind.Boolean => new JObject { ["type"] = "boolean" },
            SettingKind.Array => new JObject { ["type"] = "array", ["items"] = new JObject { ["type"] = "string" } },
            SettingKind.Object => new JObject { ["type"] = "object" },
            SettingKind.DateIso8601 => new JObject { ["type"] = "string", ["format"] = "date-time" },
            _ => new JObject { ["type"] = "string" },
        };
        if (Options is not null) schema["enum"] = new JArray(Options);
        if (Default is not null) schema["default"] = Default.DeepClone();
        schema["description"] = Description;
        if (IsSecret)
        {
            schema["secret"] = true;
            schema["writeOnly"] = true;
        }
        return schema;
    }
}

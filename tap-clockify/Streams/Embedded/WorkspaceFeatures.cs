using Newtonsoft.Json.Linq;

namespace TapClockify.Streams.Embedded;

/// <summary>
/// The feature names a workspace object lists (EXPENSES, INVOICING, TIME_OFF, ...): a list of
/// strings live, an object in the official document, whose true properties are read as names.
/// </summary>
public static class WorkspaceFeatures
{
    public static IReadOnlyList<string> Of(JObject workspace) => workspace["features"] switch
    {
        JArray names => names.Where(n => n.Type == JTokenType.String).Select(n => n.ToString()).Distinct().ToList(),
        JObject flags => flags.Properties().Where(p => p.Value.Type == JTokenType.Boolean && (bool)p.Value).Select(p => p.Name).ToList(),
        _ => [],
    };
}

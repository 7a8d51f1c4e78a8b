using Newtonsoft.Json.Linq;

namespace TapClockify.Streams;

/// <summary>The streams' JSON Schemas, embedded in the assembly from schemas/ so an installed tool carries them.</summary>
public static class SchemaStore
{
    public static JObject Load(string stream)
    {
        var assembly = typeof(SchemaStore).Assembly;
        using var resource = assembly.GetManifestResourceStream($"schemas/{stream}.json")
            ?? throw new InvalidOperationException($"no schema is embedded for stream {stream}: add schemas/{stream}.json");
        using var reader = TapJson.CreateReader(new StreamReader(resource));
        return JObject.Load(reader);
    }

    public static IEnumerable<string> EmbeddedStreamNames() =>
        typeof(SchemaStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("schemas/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n["schemas/".Length..^".json".Length]);
}

using System.Collections.Concurrent;
using NJsonSchema;

namespace TapClockify.Tests.Support;

/// <summary>Validates records against the repository's schema files with NJsonSchema.</summary>
public static class SchemaValidation
{
    // Lazy: tests running at once that validate the same stream read its schema once, not once each.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    public static IReadOnlyList<string> Errors(string stream, Newtonsoft.Json.Linq.JObject record)
    {
        var schema = Schemas.GetOrAdd(stream, name => new(() => JsonSchema.FromJsonAsync(File.ReadAllText(RepoPaths.Of("schemas", name + ".json"))).GetAwaiter().GetResult())).Value;
        // The record as parsed (dates kept as text, as NJsonSchema reads a string), not written out and read again.
        return schema.Validate(record).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }
}

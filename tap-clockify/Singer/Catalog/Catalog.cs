using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.Catalog;

public sealed class Catalog
{
    private Catalog(IReadOnlyList<CatalogEntry> entries) => Entries = entries;

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public CatalogEntry? Find(string streamId) => Entries.FirstOrDefault(e => e.StreamId == streamId);

    /// <summary>Builds the catalog that --discover writes.</summary>
    public static Catalog Discover(IEnumerable<ITapStream> streams) =>
        new(streams.Select(s => new CatalogEntry(s.Name, (JObject)s.Schema.DeepClone(), StandardMetadata(s))).ToList());

    /// <summary>Reads a catalog file's JSON; <paramref name="source"/> names the file in errors.</summary>
    public static Catalog Parse(JToken json, string source)
    {
        if (json is not JObject root || root["streams"] is not JArray streams)
            throw new SingerInputException($"{source}: a catalog must be a JSON object with a \"streams\" array; write one with --discover");

        var entries = new List<CatalogEntry>();
        foreach (var (item, index) in streams.Select((s, i) => (s, i)))
        {
            if (item is not JObject stream)
                throw new SingerInputException($"{source}: streams[{index}] is not an object");
            var id = (stream["tap_stream_id"] ?? stream["stream"])?.ToString();
            if (string.IsNullOrEmpty(id))
                throw new SingerInputException($"{source}: streams[{index}] has no tap_stream_id");
            var schema = stream["schema"] as JObject ?? new JObject();
            if (schema["properties"] is { Type: not JTokenType.Null } properties)
            {
                if (properties is not JObject propertySchemas)
                    throw new SingerInputException($"{source}: stream {id}: schema.properties is not an object; write the catalog again with --discover");
                foreach (var property in propertySchemas.Properties().Where(p => p.Value is not JObject))
                    throw new SingerInputException($"{source}: stream {id}, property {property.Name}: its schema is not an object; write the catalog again with --discover");
            }
            var metadata = stream["metadata"] as JArray ?? new JArray();
            entries.Add(new CatalogEntry(id, schema, metadata));
        }
        return new Catalog(entries);
    }

    public JObject ToJson() => new(
        new JProperty("streams", new JArray(Entries.Select(e => new JObject(
            new JProperty("tap_stream_id", e.StreamId),
            new JProperty("stream", e.StreamId),
            new JProperty("schema", e.Schema),
            new JProperty("metadata", e.Metadata))))));

    private static JArray StandardMetadata(ITapStream stream)
    {
        var streamMetadata = new JObject
        {
            ["table-key-properties"] = new JArray(stream.KeyProperties),
            ["selected-by-default"] = stream.IsSelectedByDefault,
        };
        if (stream.Replication == ReplicationMethod.FullTable)
        {
            streamMetadata["forced-replication-method"] = "FULL_TABLE";
        }
        else
        {
            streamMetadata["forced-replication-method"] = "INCREMENTAL";
            // A stream cut from an incremental parent follows the parent's key and has none of its own.
            if (stream.ReplicationKey is not null) streamMetadata["valid-replication-keys"] = new JArray(stream.ReplicationKey);
        }
        if (stream.ParentName is not null) streamMetadata["parent-tap-stream-id"] = stream.ParentName;

        var metadata = new JArray(new JObject { ["breadcrumb"] = new JArray(), ["metadata"] = streamMetadata });
        var automatic = new HashSet<string>(stream.KeyProperties);
        if (stream.ReplicationKey is not null) automatic.Add(stream.ReplicationKey);
        foreach (var property in ((JObject)stream.Schema["properties"]!).Properties())
        {
            metadata.Add(new JObject
            {
                ["breadcrumb"] = new JArray("properties", property.Name),
                ["metadata"] = new JObject { ["inclusion"] = automatic.Contains(property.Name) ? "automatic" : "available" },
            });
        }
        return metadata;
    }
}

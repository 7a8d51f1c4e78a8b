using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Catalog;

/// <summary>One stream of a Singer catalog: its schema and its metadata, kept as JSON.</summary>
public sealed class CatalogEntry
{
    public CatalogEntry(string streamId, JObject schema, JArray metadata)
    {
        StreamId = streamId;
        Schema = schema;
        Metadata = metadata;
    }

    public string StreamId { get; }
    public JObject Schema { get; }
    public JArray Metadata { get; }

    /// <summary>The metadata object at a breadcrumb (empty for the stream itself), or null.</summary>
    public JObject? MetadataAt(params string[] breadcrumb)
    {
        foreach (var entry in Metadata.OfType<JObject>())
        {
            if (entry["breadcrumb"] is JArray crumbs
                && crumbs.Count == breadcrumb.Length
                && crumbs.Select(c => c.ToString()).SequenceEqual(breadcrumb))
            {
                return entry["metadata"] as JObject;
            }
        }
        return null;
    }
}

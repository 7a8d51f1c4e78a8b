using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.Catalog;

/// <summary>
/// Which streams and properties a sync writes, resolved once from the catalog. Rules, as Singer
/// and the Meltano SDK read them: an explicit "selected" wins; else "selected-by-default"; else the
/// older "selected" inside the schema; properties inherit their stream's choice; key and
/// replication-key properties ("automatic") are always written, "unsupported" never.
/// </summary>
public sealed class SelectionMask
{
    private readonly Dictionary<string, IReadOnlySet<string>> _propertiesByStream;

    private SelectionMask(Dictionary<string, IReadOnlySet<string>> propertiesByStream) =>
        _propertiesByStream = propertiesByStream;

    public bool IsSelected(string stream) => _propertiesByStream.ContainsKey(stream);

    public IReadOnlySet<string> SelectedProperties(string stream) => _propertiesByStream[stream];

    /// <summary>With no catalog a sync writes every stream selected by default, every property of each.</summary>
    public static SelectionMask All(IEnumerable<ITapStream> streams) =>
        new(streams.Where(s => s.IsSelectedByDefault).ToDictionary(s => s.Name, s => (IReadOnlySet<string>)PropertyNames(s.Schema).ToHashSet()));

    /// <param name="warn">Told of each selected catalog stream the tap does not have.</param>
    public static SelectionMask FromCatalog(Catalog catalog, IEnumerable<ITapStream> streams, Action<string>? warn = null)
    {
        var known = streams.Select(s => s.Name).ToHashSet();
        foreach (var unknown in catalog.Entries.Where(e => !known.Contains(e.StreamId) && IsStreamSelected(e)))
            warn?.Invoke($"catalog stream {unknown.StreamId} is selected but this tap has no such stream; it is ignored (see --discover for the streams it has)");
        var selected = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var stream in streams)
        {
            var entry = catalog.Find(stream.Name);
            if (entry is null || !IsStreamSelected(entry)) continue;

            var automatic = new HashSet<string>(stream.KeyProperties);
            if (stream.ReplicationKey is not null) automatic.Add(stream.ReplicationKey);
            var properties = new HashSet<string>();
            foreach (var name in PropertyNames(stream.Schema))
            {
                if (automatic.Contains(name) || IsPropertySelected(entry, name)) properties.Add(name);
            }
            selected[stream.Name] = properties;
        }
        return new SelectionMask(selected);
    }

    private static bool IsStreamSelected(CatalogEntry entry)
    {
        var metadata = entry.MetadataAt();
        if (metadata?["selected"] is JValue { Type: JTokenType.Boolean } selected) return (bool)selected;
        if (entry.Schema["selected"] is JValue { Type: JTokenType.Boolean } legacy) return (bool)legacy;
        if (metadata?["selected-by-default"] is JValue { Type: JTokenType.Boolean } byDefault) return (bool)byDefault;
        return false;
    }

    private static bool IsPropertySelected(CatalogEntry entry, string property)
    {
        var metadata = entry.MetadataAt("properties", property);
        var inclusion = metadata?["inclusion"]?.ToString();
        if (inclusion == "unsupported") return false;
        if (inclusion == "automatic") return true;
        if (metadata?["selected"] is JValue { Type: JTokenType.Boolean } selected) return (bool)selected;
        if (entry.Schema["properties"]?[property]?["selected"] is JValue { Type: JTokenType.Boolean } legacy) return (bool)legacy;
        if (metadata?["selected-by-default"] is JValue { Type: JTokenType.Boolean } byDefault) return (bool)byDefault;
        return true;
    }

    private static IEnumerable<string> PropertyNames(JObject schema) =>
        ((JObject?)schema["properties"])?.Properties().Select(p => p.Name) ?? [];
}

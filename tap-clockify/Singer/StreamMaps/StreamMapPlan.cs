using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>One property of a mapped stream: a column of the source record as it is, or an expression.</summary>
/// <param name="SourceIndex">The source column copied; -1 for an expression.</param>
public sealed record MappedColumn(string Name, int SourceIndex, MapNode? Expression, string? ExpressionText, JObject Schema)
{
    public bool IsCopy => SourceIndex >= 0;
}

/// <summary>A stream a map makes from a source stream: its name, schema, key, filter and properties.</summary>
public sealed record MappedStream(
    string Name,
    JObject Schema,
    IReadOnlyList<string> KeyProperties,
    IReadOnlyList<string>? BookmarkProperties,
    IReadOnlyList<MappedColumn> Columns,
    MapNode? Filter,
    string? FilterText);

/// <summary>
/// What becomes of one selected stream of the tap, decided once when the tap starts: the streams
/// written from its records (none when mapped to null, more than one with __source__), and the
/// source columns its records are conformed to.
/// </summary>
public sealed class StreamMapPlan
{
    public StreamMapPlan(IReadOnlyList<string> sourceColumns, IReadOnlyList<MappedStream> outputs)
    {
        Outputs = outputs;
        IsPassThrough = outputs is [{ Filter: null } only]
            && only.Columns.All(c => c.IsCopy && c.Name == sourceColumns[c.SourceIndex]);
        // A stream that only drops properties or is renamed is conformed to the properties it keeps:
        // its records cost nothing more, or less, than unmapped ones.
        ConformedColumns = IsPassThrough ? outputs[0].Columns.Select(c => c.Name).ToHashSet() : sourceColumns.ToHashSet();
    }

    public IReadOnlyList<MappedStream> Outputs { get; }

    /// <summary>True when the records are written as they are conformed, under one stream's name, with nothing evaluated.</summary>
    public bool IsPassThrough { get; }

    /// <summary>The source properties each record is conformed to before the map applies.</summary>
    public IReadOnlySet<string> ConformedColumns { get; }

    /// <summary>A stream no map touches: its selected properties, in schema order, under its own name.</summary>
    public static StreamMapPlan Unmapped(ITapStream stream, IReadOnlySet<string> selected)
    {
        var properties = (JObject)stream.Schema["properties"]!;
        var selectedColumns = SelectedColumns(stream, selected);
        var columns = selectedColumns.Select((column, index) => new MappedColumn(column, index, null, null, (JObject)properties[column]!)).ToList();
        var output = new MappedStream(stream.Name, SchemaWith(stream.Schema, columns), stream.KeyProperties,
            stream.ReplicationKey is { } key ? [key] : null, columns, null, null);
        return new StreamMapPlan(selectedColumns, [output]);
    }

    public static IReadOnlyList<string> SelectedColumns(ITapStream stream, IReadOnlySet<string> selected) =>
        ((JObject)stream.Schema["properties"]!).Properties().Select(p => p.Name).Where(selected.Contains).ToList();

    /// <summary>The source schema with these properties (its other keywords kept).</summary>
    public static JObject SchemaWith(JObject sourceSchema, IEnumerable<MappedColumn> columns)
    {
        var schema = new JObject();
        foreach (var property in sourceSchema.Properties())
        {
            schema[property.Name] = property.Name == "properties"
                ? new JObject(columns.Select(c => new JProperty(c.Name, c.Schema.DeepClone())))
                : property.Value.DeepClone();
        }
        return schema;
    }
}

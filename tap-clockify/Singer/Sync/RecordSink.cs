using Newtonsoft.Json.Linq;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Writes the selected streams: their SCHEMA messages first, then rows conformed to the schema as
/// RECORD messages, counted per stream.
/// </summary>
public sealed class RecordSink
{
    private readonly SingerWriter _writer;
    private readonly SelectionMask _selection;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, SelectedStream> _streams = new();

    /// <summary>What a selected stream's records need, worked out once; the count of those written.</summary>
    private sealed class SelectedStream(RecordConformer conformer, SingerWriter.RecordShape shape, long? version,
        IReadOnlyList<string> keys, RecordValidator? validator)
    {
        public RecordConformer Conformer => conformer;
        public SingerWriter.RecordShape Shape => shape;
        public long? Version => version;
        public IReadOnlyList<string> Keys => keys;
        public RecordValidator? Validator => validator;
        public long Written;
    }

    /// <param name="versionOf">The table version of a stream's records for this sync; null for none.</param>
    /// <param name="validate">Check every record against its schema before writing it.</param>
    public RecordSink(SingerWriter writer, SelectionMask selection, IEnumerable<ITapStream> streams, TimeProvider clock,
        Func<string, long?> versionOf, bool validate = false)
    {
        _writer = writer;
        _selection = selection;
        _clock = clock;
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var properties = selection.SelectedProperties(stream.Name);
            var conformer = new RecordConformer(stream.Schema, properties, stream.Layout);
            _streams[stream.Name] = new SelectedStream(conformer, writer.ShapeOf(stream.Name, conformer.Names), versionOf(stream.Name),
                stream.KeyProperties, validate ? new RecordValidator(stream.Schema) : null);
            writer.WriteSchema(stream.Name, SchemaOfSelected(stream.Schema, properties), stream.KeyProperties,
                stream.ReplicationKey is null ? null : [stream.ReplicationKey]);
        }
    }

    public bool IsSelected(string stream) => _selection.IsSelected(stream);

    /// <summary>A copy of the records written so far per stream.</summary>
    public IReadOnlyDictionary<string, long> Counts => _streams.ToDictionary(s => s.Key, s => Interlocked.Read(ref s.Value.Written));

    public long TotalRecords => _streams.Values.Sum(s => Interlocked.Read(ref s.Written));

    // A record's values live only until it is written: each thread reuses one buffer for them.
    [ThreadStatic] private static JsonFragment[]? t_values;

    public void Write(string stream, Row row)
    {
        var selected = _streams[stream];
        var conformer = selected.Conformer;
        var buffer = t_values is { } reused && reused.Length >= conformer.Names.Count ? reused : t_values = new JsonFragment[Math.Max(64, conformer.Names.Count)];
        var values = buffer.AsSpan(0, conformer.Names.Count);
        try
        {
            conformer.Conform(row, values);
        }
        catch (FormatException bad)
        {
            throw new FormatException($"stream {stream}, record {KeyOf(selected, row)}: {bad.Message}");
        }
        if (selected.Validator?.Problem(conformer.Names, values) is { } problem)
        {
            throw new RecordValidationException($"stream {stream}, record {KeyOf(selected, row)}: {problem} (validate_records is on; Clockify sent a value outside the schema)");
        }
        _writer.WriteRecord(selected.Shape, values, _clock.GetUtcNow(), selected.Version);
        Interlocked.Increment(ref selected.Written);
    }

    private static string KeyOf(SelectedStream stream, Row row) => string.Join(", ", stream.Keys.Select(k => $"{k} {row[k].GetString()}"));

    private static JObject SchemaOfSelected(JObject schema, IReadOnlySet<string> properties)
    {
        var copy = (JObject)schema.DeepClone();
        var props = (JObject)copy["properties"]!;
        foreach (var property in props.Properties().Where(p => !properties.Contains(p.Name)).ToList()) property.Remove();
        return copy;
    }
}

using System.Runtime.CompilerServices;
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
    private readonly Dictionary<string, (RecordConformer Conformer, SingerWriter.RecordShape Shape)> _streams = new();
    private readonly Dictionary<string, StrongBox<long>> _counts = new();
    private long _totalRecords;
    private readonly Dictionary<string, IReadOnlyList<string>> _keys = new();

    private readonly Func<string, long?> _versionOf;
    private readonly Dictionary<string, RecordValidator>? _validators;

    /// <param name="validate">Check every record against its schema before writing it.</param>
    public RecordSink(SingerWriter writer, SelectionMask selection, IEnumerable<ITapStream> streams, TimeProvider clock,
        Func<string, long?> versionOf, bool validate = false)
    {
        _versionOf = versionOf;
        if (validate) _validators = new();
        _writer = writer;
        _selection = selection;
        _clock = clock;
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var properties = selection.SelectedProperties(stream.Name);
            var conformer = new RecordConformer(stream.Schema, properties, stream.Layout);
            _streams[stream.Name] = (conformer, writer.ShapeOf(stream.Name, conformer.Names));
            _keys[stream.Name] = stream.KeyProperties;
            _counts[stream.Name] = new StrongBox<long>();
            _validators?.Add(stream.Name, new RecordValidator(stream.Schema));
            writer.WriteSchema(stream.Name, SchemaOfSelected(stream.Schema, properties), stream.KeyProperties,
                stream.ReplicationKey is null ? null : [stream.ReplicationKey]);
        }
    }

    public bool IsSelected(string stream) => _selection.IsSelected(stream);

    /// <summary>A copy of the records written so far per stream.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value));

    [ThreadStatic] private static JsonFragment[]? t_values;

    public long TotalRecords => Interlocked.Read(ref _totalRecords);

    public void Write(string stream, Row row)
    {
        var (conformer, shape) = _streams[stream];
        // A record's values live only until it is written: each thread reuses one buffer for them.
        var buffer = t_values is { } reused && reused.Length >= conformer.Names.Count ? reused : t_values = new JsonFragment[Math.Max(64, conformer.Names.Count)];
        var values = buffer.AsSpan(0, conformer.Names.Count);
        try
        {
            conformer.Conform(row, values);
        }
        catch (FormatException bad)
        {
            throw new FormatException($"stream {stream}, record {KeyOf(stream, row)}: {bad.Message}");
        }
        if (_validators?[stream].Problem(conformer.Names, values) is { } problem)
        {
            throw new RecordValidationException($"stream {stream}, record {KeyOf(stream, row)}: {problem} (validate_records is on; Clockify sent a value outside the schema)");
        }
        _writer.WriteRecord(shape, values, _clock.GetUtcNow(), _versionOf(stream));
        Interlocked.Increment(ref _counts[stream].Value);
        Interlocked.Increment(ref _totalRecords);
    }

    private string KeyOf(string stream, Row row) => string.Join(", ", _keys[stream].Select(k => $"{k} {row[k].GetString()}"));

    private static JObject SchemaOfSelected(JObject schema, IReadOnlySet<string> properties)
    {
        var copy = (JObject)schema.DeepClone();
        var props = (JObject)copy["properties"]!;
        foreach (var property in props.Properties().Where(p => !properties.Contains(p.Name)).ToList()) property.Remove();
        return copy;
    }
}

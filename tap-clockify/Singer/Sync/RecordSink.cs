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
    private readonly Dictionary<string, RecordConformer> _conformers = new();
    private readonly Dictionary<string, long> _counts = new();
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
            _conformers[stream.Name] = new RecordConformer(stream.Schema, properties);
            _keys[stream.Name] = stream.KeyProperties;
            _counts[stream.Name] = 0;
            _validators?.Add(stream.Name, new RecordValidator(stream.Schema));
            writer.WriteSchema(stream.Name, SchemaOfSelected(stream.Schema, properties), stream.KeyProperties,
                stream.ReplicationKey is null ? null : [stream.ReplicationKey]);
        }
    }

    public bool IsSelected(string stream) => _selection.IsSelected(stream);

    /// <summary>A copy of the records written so far per stream.</summary>
    public IReadOnlyDictionary<string, long> Counts
    {
        get { lock (_counts) return new Dictionary<string, long>(_counts); }
    }

    public long TotalRecords { get; private set; }

    public void Write(string stream, Row row)
    {
        var conformer = _conformers[stream];
        JToken[] values;
        try
        {
            values = conformer.Conform(row);
        }
        catch (FormatException bad)
        {
            throw new FormatException($"stream {stream}, record {KeyOf(stream, row)}: {bad.Message}");
        }
        if (_validators?[stream].Problem(conformer.Names, values) is { } problem)
        {
            throw new RecordValidationException($"stream {stream}, record {KeyOf(stream, row)}: {problem} (validate_records is on; Clockify sent a value outside the schema)");
        }
        _writer.WriteRecord(stream, conformer.Names, values, _clock.GetUtcNow(), _versionOf(stream));
        lock (_counts)
        {
            _counts[stream]++;
            TotalRecords++;
        }
    }

    private string KeyOf(string stream, Row row) => string.Join(", ", _keys[stream].Select(k => $"{k} {row.GetValueOrDefault(k)}"));

    private static JObject SchemaOfSelected(JObject schema, IReadOnlySet<string> properties)
    {
        var copy = (JObject)schema.DeepClone();
        var props = (JObject)copy["properties"]!;
        foreach (var property in props.Properties().Where(p => !properties.Contains(p.Name)).ToList()) property.Remove();
        return copy;
    }
}

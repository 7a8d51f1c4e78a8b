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

    private readonly Func<string, long?> _versionOf;

    public RecordSink(SingerWriter writer, SelectionMask selection, IEnumerable<ITapStream> streams, TimeProvider clock, Func<string, long?> versionOf)
    {
        _versionOf = versionOf;
        _writer = writer;
        _selection = selection;
        _clock = clock;
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var properties = selection.SelectedProperties(stream.Name);
            _conformers[stream.Name] = new RecordConformer(stream.Schema, properties);
            _counts[stream.Name] = 0;
            writer.WriteSchema(stream.Name, SchemaOfSelected(stream.Schema, properties), stream.KeyProperties,
                stream.ReplicationKey is null ? null : [stream.ReplicationKey]);
        }
    }

    public bool IsSelected(string stream) => _selection.IsSelected(stream);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long TotalRecords { get; private set; }

    public void Write(string stream, JObject row)
    {
        JObject record;
        try
        {
            record = _conformers[stream].Conform(row);
        }
        catch (FormatException bad)
        {
            throw new FormatException($"stream {stream}, record {row["id"] ?? "?"}: {bad.Message}");
        }
        _writer.WriteRecord(stream, record, _clock.GetUtcNow(), _versionOf(stream));
        lock (_counts)
        {
            _counts[stream]++;
            TotalRecords++;
        }
    }

    private static JObject SchemaOfSelected(JObject schema, IReadOnlySet<string> properties)
    {
        var copy = (JObject)schema.DeepClone();
        var props = (JObject)copy["properties"]!;
        foreach (var property in props.Properties().Where(p => !properties.Contains(p.Name)).ToList()) property.Remove();
        return copy;
    }
}

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
    private readonly TableVersions _versions;
    private readonly Action<string> _warn;
    private readonly Dictionary<string, SelectedStream> _streams = new();

    /// <summary>What a selected stream's records need, worked out once; the count of those written.</summary>
    private sealed class SelectedStream(string name, RecordConformer conformer, SingerWriter.RecordShape shape, long? version,
        IReadOnlyList<string> keys, RecordValidator? validator)
    {
        public string Name => name;
        public RecordConformer Conformer => conformer;
        public SingerWriter.RecordShape Shape => shape;
        public long? Version => version;
        public IReadOnlyList<string> Keys => keys;
        /// <summary>Where each key property sits among the conformed values.</summary>
        public int[] KeyPositions { get; } = keys.Select(k => conformer.Names.ToList().IndexOf(k)).ToArray();
        public RecordValidator? Validator => validator;
        public volatile bool HasWritten;
        public long Written;
        public long WithoutKey;
    }

    /// <param name="versions">The table version of each stream's records for this sync, activated before its first record.</param>
    /// <param name="warn">Told of each record skipped for a missing key.</param>
    /// <param name="validate">Check every record against its schema before writing it.</param>
    public RecordSink(SingerWriter writer, SelectionMask selection, IEnumerable<ITapStream> streams, TimeProvider clock,
        TableVersions versions, Action<string> warn, bool validate = false)
    {
        _writer = writer;
        _selection = selection;
        _clock = clock;
        _versions = versions;
        _warn = warn;
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var properties = selection.SelectedProperties(stream.Name);
            var conformer = new RecordConformer(stream.Schema, properties, stream.Layout);
            _streams[stream.Name] = new SelectedStream(stream.Name, conformer, writer.ShapeOf(stream.Name, conformer.Names), versions.VersionOf(stream.Name),
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
        if (MissingKey(selected, values) is { } missing)
        {
            SkipWithoutKey(selected, row, missing);
            return;
        }
        if (selected.Validator?.Problem(conformer.Names, values) is { } problem)
        {
            throw new RecordValidationException($"stream {stream}, record {KeyOf(selected, row)}: {problem} (validate_records is on; Clockify sent a value outside the schema)");
        }
        if (!selected.HasWritten)
        {
            _versions.BeforeFirstRecord(stream);
            selected.HasWritten = true;
        }
        _writer.WriteRecord(selected.Shape, values, _clock.GetUtcNow(), selected.Version);
        Interlocked.Increment(ref selected.Written);
    }

    /// <summary>Records skipped so far because a key property was null or missing, per stream.</summary>
    public IReadOnlyDictionary<string, long> SkippedWithoutKey =>
        _streams.Where(s => Interlocked.Read(ref s.Value.WithoutKey) > 0).ToDictionary(s => s.Key, s => Interlocked.Read(ref s.Value.WithoutKey));

    private static string? MissingKey(SelectedStream stream, ReadOnlySpan<JsonFragment> values)
    {
        for (var i = 0; i < stream.KeyPositions.Length; i++)
        {
            var position = stream.KeyPositions[i];
            if (position < 0 || values[position].IsNullOrAbsent) return stream.Keys[i];
        }
        return null;
    }

    // A row without its key would merge with every other such row in a target, or be refused by it.
    private const int KeylessWarningsPerStream = 5;

    private void SkipWithoutKey(SelectedStream stream, Row row, string missing)
    {
        var count = Interlocked.Increment(ref stream.WithoutKey);
        if (count > KeylessWarningsPerStream) return;
        var known = string.Join(", ", stream.Keys.Where(k => k != missing && row.Layout.Contains(k)).Select(k => $"{k} {row[k]}"));
        _warn($"stream {stream.Name}: skipped a record whose key property {missing} is null or missing{(known.Length > 0 ? $" ({known})" : "")}"
            + (count == KeylessWarningsPerStream ? "; further ones are only counted" : ""));
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

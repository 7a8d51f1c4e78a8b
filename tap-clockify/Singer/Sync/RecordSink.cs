using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;
using TapClockify.Singer.StreamMaps;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Writes the selected streams: their SCHEMA messages first, then rows conformed to the schema as
/// RECORD messages, counted per stream. Streams with stream maps are written as their plans say.
/// </summary>
public sealed class RecordSink
{
    private readonly SingerWriter _writer;
    private readonly TimeProvider _clock;
    private readonly TableVersions _versions;
    private readonly Action<string> _warn;
    private readonly Dictionary<string, SelectedStream> _streams = new();

    /// <summary>
    /// A selected stream: what its records need, worked out once, and the count of those written.
    /// Write through it to spare a look-up by name per record.
    /// </summary>
    public sealed class SelectedStream
    {
        private readonly RecordSink _sink;

        internal SelectedStream(RecordSink sink, string name, RecordConformer conformer, SingerWriter.RecordShape shape, StreamMapWriter? mapped,
            long? version, IReadOnlyList<string> keys, RecordValidator? validator)
        {
            _sink = sink;
            Name = name;
            Conformer = conformer;
            Width = Math.Max(conformer.Names.Count, mapped?.Width ?? 0);
            Shape = shape;
            Mapped = mapped;
            Version = version;
            Keys = keys;
            KeyPositions = keys.Select(k => conformer.Names.ToList().IndexOf(k)).ToArray();
            Validator = validator;
        }

        /// <summary>Writes the row as a RECORD of this stream.</summary>
        public void Write(Row row) => _sink.Write(this, row);

        /// <summary>Writes the rows as RECORDs of this stream, in order, added to the output together.</summary>
        public void Write(IReadOnlyList<Row> rows) => _sink.Write(this, rows);

        public string Name { get; }
        internal RecordConformer Conformer { get; }
        /// <summary>The values a record's buffer holds: the conformed record, and room for the map to work in it.</summary>
        internal int Width { get; }
        internal SingerWriter.RecordShape Shape { get; }
        /// <summary>Null when the records are written as they are conformed (no map, or one that only drops or renames).</summary>
        internal StreamMapWriter? Mapped { get; }
        internal long? Version { get; }
        internal IReadOnlyList<string> Keys { get; }
        /// <summary>Where each key property sits among the conformed values.</summary>
        internal int[] KeyPositions { get; }
        internal RecordValidator? Validator { get; }
        internal volatile bool HasWritten;
        internal long Written;
        internal long WithoutKey;
    }

    /// <param name="versions">The table version of each stream's records for this sync, activated before its first record.</param>
    /// <param name="warn">Told of each record skipped for a missing key.</param>
    /// <param name="validate">Check every record against its schema before writing it.</param>
    /// <param name="maps">The stream maps' plan of each selected stream; null when there are no maps.</param>
    public RecordSink(SingerWriter writer, SelectionMask selection, IEnumerable<ITapStream> streams, TimeProvider clock,
        TableVersions versions, Action<string> warn, bool validate = false, IReadOnlyDictionary<string, StreamMapPlan>? maps = null)
    {
        _writer = writer;
        _clock = clock;
        _versions = versions;
        _warn = warn;
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var plan = maps?[stream.Name] ?? StreamMapPlan.Unmapped(stream, selection.SelectedProperties(stream.Name));
            // A stream mapped to null is not read for its own sake, and nothing of it is written.
            if (plan.Outputs.Count == 0) continue;
            var conformer = new RecordConformer(stream.Schema, plan.ConformedColumns, stream.Layout);
            _streams[stream.Name] = new SelectedStream(this, stream.Name, conformer, writer.ShapeOf(plan.Outputs[0].Name, conformer.Names),
                plan.IsPassThrough ? null : new StreamMapWriter(plan, writer, conformer.Names.Count), versions.VersionOf(stream.Name),
                stream.KeyProperties, validate ? new RecordValidator(stream.Schema) : null);
            foreach (var output in plan.Outputs) writer.WriteSchema(output.Name, output.Schema, output.KeyProperties, output.BookmarkProperties);
        }
    }

    /// <summary>True when the stream's records are written somewhere.</summary>
    public bool IsSelected(string stream) => _streams.ContainsKey(stream);

    /// <summary>The stream to write rows of, looked up once; null when its records are not written.</summary>
    public SelectedStream? Selected(string stream) => _streams.GetValueOrDefault(stream);

    /// <summary>A copy of the records written so far per stream.</summary>
    public IReadOnlyDictionary<string, long> Counts => _streams.ToDictionary(s => s.Key, s => Interlocked.Read(ref s.Value.Written));

    public long TotalRecords => _streams.Values.Sum(s => Interlocked.Read(ref s.Written));

    // A record's values live only until it is written: each thread reuses one buffer for them.
    [ThreadStatic] private static JsonFragment[]? t_values;

    public void Write(string stream, Row row) => Write(_streams[stream], row);

    private void Write(SelectedStream selected, Row row)
    {
        if (selected.Mapped is null && selected.Validator is null && TryWriteAsConformed(selected, row, _clock.GetUtcNow())) return;
        var stream = selected.Name;
        var conformer = selected.Conformer;
        var buffer = t_values is { } reused && reused.Length >= selected.Width ? reused : t_values = new JsonFragment[Math.Max(64, selected.Width)];
        var values = buffer.AsSpan(0, conformer.Names.Count);
        try
        {
            conformer.Conform(row, values);
        }
        catch (FormatException bad)
        {
            throw InRecord(selected, row, bad);
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
        BeforeWriting(selected);
        if (selected.Mapped is { } mapped)
        {
            try
            {
                mapped.Write(buffer.AsSpan(0, selected.Width), _clock.GetUtcNow(), selected.Version);
            }
            catch (MapExpressionException bad)
            {
                throw new StreamMapException($"stream_maps, {bad.Message} (record {KeyOf(selected, row)} of {stream})");
            }
        }
        else _writer.WriteRecord(selected.Shape, values, _clock.GetUtcNow(), selected.Version);
        Interlocked.Increment(ref selected.Written);
    }

    /// <summary>Many rows of one stream: records of the common path are formatted one after another and added to the output some dozens at a time.</summary>
    private void Write(SelectedStream selected, IReadOnlyList<Row> rows)
    {
        if (selected.Mapped is not null || selected.Validator is not null)
        {
            foreach (var row in rows) Write(selected, row);
            return;
        }
        var records = _writer.PendingRecords();
        // Rows written together were read together: one extraction time serves them all.
        var extractedAt = _clock.GetUtcNow();
        try
        {
            foreach (var row in rows)
            {
                if (TryWriteAsConformed(selected, row, extractedAt, records))
                {
                    if (records.Text.Length >= SingerWriter.PendingRecordsWrittenAt) _writer.WriteRecords(records);
                    continue;
                }
                // A row without a key takes the general path, after the records before it.
                _writer.WriteRecords(records);
                Write(selected, row);
            }
        }
        finally
        {
            _writer.WriteRecords(records);
        }
    }

    /// <summary>
    /// The path of nearly every record (no map, no validation, every key present): written straight
    /// from the row, or added to <paramref name="pending"/> for the caller to write. False, having
    /// written nothing, for a row without a key, which the general path then writes or skips.
    /// </summary>
    private bool TryWriteAsConformed(SelectedStream selected, Row row, DateTimeOffset extractedAt, RecordText? pending = null)
    {
        var conformer = selected.Conformer;
        try
        {
            conformer.CheckLayout(row);
            foreach (var position in selected.KeyPositions)
            {
                if (position >= 0 && conformer.ValueText(row, position).SequenceEqual("null"u8)) return false;
            }
            BeforeWriting(selected);
            if (pending is null) _writer.WriteRecord(selected.Shape, row, conformer, extractedAt, selected.Version);
            else pending.Format(selected.Shape, row, conformer, extractedAt, selected.Version);
        }
        catch (FormatException bad)
        {
            throw InRecord(selected, row, bad);
        }
        Interlocked.Increment(ref selected.Written);
        return true;
    }

    /// <summary>A stream's first record is preceded by its table version's activation, if it needs one.</summary>
    private void BeforeWriting(SelectedStream selected)
    {
        if (selected.HasWritten) return;
        _versions.BeforeFirstRecord(selected.Name);
        selected.HasWritten = true;
    }

    /// <summary>A value that cannot take its column's type, named with its stream and record.</summary>
    private static FormatException InRecord(SelectedStream selected, Row row, FormatException bad) =>
        new($"stream {selected.Name}, record {KeyOf(selected, row)}: {bad.Message}");

    /// <summary>Records skipped so far because a key property was null or missing, per stream.</summary>
    public IReadOnlyDictionary<string, long> SkippedWithoutKey =>
        _streams.Where(s => Interlocked.Read(ref s.Value.WithoutKey) > 0).ToDictionary(s => s.Key, s => Interlocked.Read(ref s.Value.WithoutKey));

    private static string? MissingKey(SelectedStream stream, ReadOnlySpan<JsonFragment> values)
    {
        for (var i = 0; i < stream.KeyPositions.Length; i++)
        {
            var position = stream.KeyPositions[i];
            // A key a map replaced is not among the conformed values: the map's own key stands for it.
            if (position >= 0 && values[position].IsNullOrAbsent) return stream.Keys[i];
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
}

using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.Messages;

/// <summary>
/// The only writer of stdout: one Singer message a line, as UTF-8 bytes. Messages are framed by
/// <see cref="SingerMessageLines"/> and <see cref="RecordText"/>, and collect in an
/// <see cref="OutputBuffer"/> that goes out when it is full and at each STATE (flushed then), so a
/// STATE never reaches the target before the records it covers.
/// </summary>
public sealed partial class SingerWriter : IDisposable
{
    private readonly OutputBuffer _output;
    private long _replacedSurrogates;

    // Each thread formats its records apart, so the shared buffer is held only to copy them in.
    [ThreadStatic] private static RecordText? t_record;
    // Records a thread formats to add together (WriteRecords); apart from t_record, which a single record may need meanwhile.
    [ThreadStatic] private static RecordText? t_records;

    public SingerWriter(Stream output) => _output = new OutputBuffer(output);

    public RecordShape ShapeOf(string stream, IReadOnlyList<string> columns) => new(stream, columns);

    public void WriteSchema(string stream, JObject schema, IReadOnlyList<string> keyProperties, IReadOnlyList<string>? bookmarkProperties) =>
        _output.Append(SingerMessageLines.Schema(stream, schema, keyProperties, bookmarkProperties));

    /// <summary>Writes a RECORD with the shape's columns, <paramref name="values"/> in the same order.</summary>
    public void WriteRecord(RecordShape shape, ReadOnlySpan<JsonFragment> values, DateTimeOffset timeExtracted, long? version)
    {
        var record = t_record ??= new RecordText();
        record.Clear();
        record.Format(shape, values, timeExtracted, version);
        Write(record);
    }

    /// <summary>Writes a RECORD of the row as <paramref name="conformer"/> conforms it; the shape has the conformer's columns.</summary>
    public void WriteRecord(RecordShape shape, Row row, RecordConformer conformer, DateTimeOffset timeExtracted, long? version)
    {
        var record = t_record ??= new RecordText();
        record.Clear();
        record.Format(shape, row, conformer, timeExtracted, version);
        Write(record);
    }

    /// <summary>
    /// The calling thread's records to write together: formatted one after another, then written by
    /// <see cref="WriteRecords"/> before the thread awaits anything.
    /// </summary>
    internal RecordText PendingRecords() => t_records ??= new RecordText();

    /// <summary>
    /// How much pending text is written at once: past it, the records so far go out. A thread's
    /// buffer then stays below the large-object heap (85,000 bytes), not grown by copying for each batch.
    /// </summary>
    internal const int PendingRecordsWrittenAt = 1 << 15;

    /// <summary>Writes the records formatted so far as one piece, and clears them.</summary>
    internal void WriteRecords(RecordText records)
    {
        if (records.Text.IsEmpty) return;
        Write(records);
        records.Clear();
    }

    private void Write(RecordText record)
    {
        if (!JsonTextRepair.NeedsRepair(record.Text))
        {
            _output.Append(record.Text);
            return;
        }
        var repaired = new List<byte>(record.Text.Length + 16);
        var replaced = JsonTextRepair.Repair(record.Text, repaired);
        if (replaced > 0) Interlocked.Add(ref _replacedSurrogates, replaced);
        _output.Append(CollectionsMarshal.AsSpan(repaired));
    }

    /// <summary>Lone surrogates and invalid UTF-8 sequences in record values written as U+FFFD so far.</summary>
    public long ReplacedSurrogates => Interlocked.Read(ref _replacedSurrogates);

    public void WriteActivateVersion(string stream, long version) => _output.Append(SingerMessageLines.ActivateVersion(stream, version));

    /// <summary>Writes STATE and flushes, so everything it covers is out before it.</summary>
    public void WriteState(TapState state) => _output.AppendAndFlush(SingerMessageLines.State(state.ToJsonLine()));

    public void Flush() => _output.Flush();

    public void Dispose() => Flush();
}

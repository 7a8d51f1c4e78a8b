using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.Messages;

public sealed partial class SingerWriter
{
    /// <summary>The fixed parts of one stream's RECORD messages, worked out once.</summary>
    public sealed class RecordShape
    {
        internal RecordShape(string stream, IReadOnlyList<string> columns)
        {
            Opening = Encoding.UTF8.GetBytes($"{{\"type\":\"RECORD\",\"stream\":{JsonConvert.ToString(stream)},\"record\":{{");
            ColumnOpenings = columns.Select((name, i) => Encoding.UTF8.GetBytes((i == 0 ? "" : ",") + JsonConvert.ToString(name) + ":")).ToArray();
        }

        internal byte[] Opening { get; }
        internal byte[][] ColumnOpenings { get; }
    }
}

/// <summary>
/// One RECORD message formatted as a line of UTF-8 from a stream's <see cref="SingerWriter.RecordShape"/>
/// and the values' JSON, reusing its bytes from one record to the next: a thread keeps one.
/// </summary>
internal sealed class RecordText
{
    private byte[] _bytes = new byte[1 << 12];
    private int _length;
    private long _extractedMillisecond = -1;
    private byte[] _extractedTail = [];

    /// <summary>The last record formatted, valid until the next one is.</summary>
    public ReadOnlySpan<byte> Text => _bytes.AsSpan(0, _length);

    public void Format(SingerWriter.RecordShape shape, ReadOnlySpan<JsonFragment> values, DateTimeOffset timeExtracted, long? version)
    {
        _length = 0;
        Add(shape.Opening);
        for (var i = 0; i < values.Length; i++)
        {
            Add(shape.ColumnOpenings[i]);
            Add(values[i].IsAbsent ? JsonFragment.Null.Utf8.Span : values[i].Utf8.Span);
        }
        End(timeExtracted, version);
    }

    /// <summary>
    /// Formats the record <paramref name="conformer"/> makes of <paramref name="row"/>, each value
    /// copied from the row's text once, straight into the line; <paramref name="shape"/> has the
    /// conformer's columns.
    /// </summary>
    public void Format(SingerWriter.RecordShape shape, Row row, RecordConformer conformer, DateTimeOffset timeExtracted, long? version)
    {
        conformer.CheckLayout(row);
        _length = 0;
        Add(shape.Opening);
        var openings = shape.ColumnOpenings;
        for (var i = 0; i < openings.Length; i++)
        {
            Add(openings[i]);
            Add(conformer.ValueText(row, i));
        }
        End(timeExtracted, version);
    }

    private void End(DateTimeOffset timeExtracted, long? version)
    {
        Add("}"u8);
        if (version is { } v)
        {
            Add(",\"version\":"u8);
            Reserve(20);
            v.TryFormat(_bytes.AsSpan(_length), out var written, provider: CultureInfo.InvariantCulture);
            _length += written;
        }
        // Extraction times are kept to the millisecond, so one formatting serves many records.
        var millisecond = timeExtracted.UtcTicks / TimeSpan.TicksPerMillisecond;
        if (millisecond != _extractedMillisecond)
        {
            _extractedMillisecond = millisecond;
            var truncated = new DateTimeOffset(millisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            _extractedTail = Encoding.UTF8.GetBytes($",\"time_extracted\":\"{Timestamps.ForRecord(truncated)}\"}}\n");
        }
        Add(_extractedTail);
    }

    private void Add(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes));
    }
}

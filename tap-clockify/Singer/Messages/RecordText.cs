using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
            var openings = columns.Select((name, i) => Encoding.UTF8.GetBytes((i == 0 ? "" : ",") + JsonConvert.ToString(name) + ":")).ToArray();
            ColumnOpeningLengths = openings.Select(o => o.Length).ToArray();
            // Padded, so a short one is copied as one block of fixed size (see RecordText.AddPadded).
            ColumnOpenings = openings.Select(o => o.Length >= PaddedLength ? o : [.. o, .. new byte[PaddedLength - o.Length]]).ToArray();
        }

        /// <summary>The size of the block a column's opening is copied in when it fits.</summary>
        internal const int PaddedLength = 32;

        internal byte[] Opening { get; }
        /// <summary>Each column's <c>,"name":</c>, at least <see cref="PaddedLength"/> bytes long: its text, then zeros.</summary>
        internal byte[][] ColumnOpenings { get; }
        internal int[] ColumnOpeningLengths { get; }
    }
}

/// <summary>
/// RECORD messages formatted as lines of UTF-8 from a stream's <see cref="SingerWriter.RecordShape"/>
/// and the values' JSON, one after another until cleared, reusing its bytes from one record to the
/// next: a thread keeps one.
/// </summary>
internal sealed class RecordText
{
    private byte[] _bytes = new byte[1 << 12];
    private int _length;
    private long _extractedMillisecond = -1;
    private byte[] _extractedTail = [];

    /// <summary>The records formatted since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Text => _bytes.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Format(SingerWriter.RecordShape shape, ReadOnlySpan<JsonFragment> values, DateTimeOffset timeExtracted, long? version)
    {
        Add(shape.Opening);
        for (var i = 0; i < values.Length; i++)
        {
            AddPadded(shape.ColumnOpenings[i], shape.ColumnOpeningLengths[i]);
            Add(values[i].IsAbsent ? JsonFragment.Null.Utf8.Span : values[i].Utf8.Span);
        }
        End(timeExtracted, version);
    }

    /// <summary>
    /// Formats the record <paramref name="conformer"/> makes of <paramref name="row"/>, each value
    /// copied from the row's text once, straight into the line; <paramref name="shape"/> has the
    /// conformer's columns. A value that cannot take its column's type throws with nothing of this
    /// record kept, so the records formatted before it are still whole lines to write.
    /// </summary>
    public void Format(SingerWriter.RecordShape shape, Row row, RecordConformer conformer, DateTimeOffset timeExtracted, long? version)
    {
        conformer.CheckLayout(row);
        var recordStart = _length;
        try
        {
            Add(shape.Opening);
            var openings = shape.ColumnOpenings;
            var openingLengths = shape.ColumnOpeningLengths;
            for (var i = 0; i < openings.Length; i++)
            {
                AddPadded(openings[i], openingLengths[i]);
                var value = conformer.ValueText(row, i, out var isBlockReadable);
                if (isBlockReadable) AddBlockReadable(value);
                else Add(value);
            }
        }
        catch (FormatException)
        {
            _length = recordStart;
            throw;
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

    /// <summary>
    /// Adds the first <paramref name="length"/> bytes of <paramref name="padded"/>, which is at least
    /// <see cref="SingerWriter.RecordShape.PaddedLength"/> long: a short text goes as one block of that
    /// size, which the JIT copies inline, the bytes past its length written over by what follows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddPadded(byte[] padded, int length)
    {
        const int block = SingerWriter.RecordShape.PaddedLength;
        if (length > block)
        {
            Add(padded.AsSpan(0, length));
            return;
        }
        Reserve(block);
        Unsafe.CopyBlockUnaligned(ref _bytes[_length], ref padded[0], block);
        _length += length;
    }

    /// <summary>Adds <paramref name="text"/>, from whose start <see cref="Row.ReadableBlock"/> bytes may be read: as one block when it fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddBlockReadable(ReadOnlySpan<byte> text)
    {
        const int block = Row.ReadableBlock;
        if (text.Length > block)
        {
            Add(text);
            return;
        }
        Reserve(block);
        Unsafe.CopyBlockUnaligned(ref _bytes[_length], ref MemoryMarshal.GetReference(text), block);
        _length += text.Length;
    }

    private void Add(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    // Asked before every piece of every record: the test is inlined, the growing is not.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int bytes)
    {
        if (_length + bytes > _bytes.Length) Grow(bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes));
}

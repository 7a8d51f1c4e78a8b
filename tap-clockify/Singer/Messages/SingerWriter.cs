using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.Messages;

/// <summary>
/// The only writer of stdout: one Singer message a line, as UTF-8 bytes. Output collects in a
/// buffer that goes out when it is full and at each STATE (flushed then), so a STATE never
/// reaches the target before the records it covers.
/// </summary>
public sealed class SingerWriter : IDisposable
{
    private const int WriteOutAt = 1 << 16;

    private readonly Stream _output;
    // _gate guards the buffer; _outputGate keeps writes to the stream in the order their bytes were buffered.
    private readonly object _gate = new();
    private readonly object _outputGate = new();
    private byte[] _buffer = new byte[WriteOutAt * 2];
    private byte[] _spare = new byte[WriteOutAt * 2];
    private int _length;

    // Each thread formats its records apart, so the shared buffer is held only to copy them in.
    [ThreadStatic] private static RecordText? t_record;

    public SingerWriter(Stream output) => _output = output;

    /// <summary>The fixed parts of one stream's RECORD messages, worked out once.</summary>
    public sealed class RecordShape
    {
        internal RecordShape(string stream, IReadOnlyList<string> columns)
        {
            Opening = Utf8($"{{\"type\":\"RECORD\",\"stream\":{JsonConvert.ToString(stream)},\"record\":{{");
            ColumnOpenings = columns.Select((name, i) => Utf8((i == 0 ? "" : ",") + JsonConvert.ToString(name) + ":")).ToArray();
        }

        internal byte[] Opening { get; }
        internal byte[][] ColumnOpenings { get; }
    }

    public RecordShape ShapeOf(string stream, IReadOnlyList<string> columns) => new(stream, columns);

    public void WriteSchema(string stream, JObject schema, IReadOnlyList<string> keyProperties, IReadOnlyList<string>? bookmarkProperties)
    {
        var message = Message("SCHEMA", stream);
        message["schema"] = schema;
        message["key_properties"] = new JArray(keyProperties);
        if (bookmarkProperties is { Count: > 0 }) message["bookmark_properties"] = new JArray(bookmarkProperties);
        WriteMessage(message);
    }

    /// <summary>Writes a RECORD with the shape's columns, <paramref name="values"/> in the same order.</summary>
    public void WriteRecord(RecordShape shape, ReadOnlySpan<JsonFragment> values, DateTimeOffset timeExtracted, long? version)
    {
        var record = t_record ??= new RecordText();
        record.Format(shape, values, timeExtracted, version);
        if (!JsonTextRepair.NeedsRepair(record.Text))
        {
            Append(record.Text);
            return;
        }
        var repaired = new List<byte>(record.Text.Length + 16);
        var replaced = JsonTextRepair.Repair(record.Text, repaired);
        if (replaced > 0) Interlocked.Add(ref _replacedSurrogates, replaced);
        Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(repaired));
    }

    private long _replacedSurrogates;

    /// <summary>Lone surrogates and invalid UTF-8 sequences in record values written as U+FFFD so far.</summary>
    public long ReplacedSurrogates => Interlocked.Read(ref _replacedSurrogates);

    public void WriteActivateVersion(string stream, long version)
    {
        var message = Message("ACTIVATE_VERSION", stream);
        message["version"] = version;
        WriteMessage(message);
    }

    /// <summary>Writes STATE and flushes, so everything it covers is out before it.</summary>
    public void WriteState(JObject value)
    {
        lock (_outputGate)
        {
            Append(Utf8(new JObject { ["type"] = "STATE", ["value"] = value }.ToString(Formatting.None) + "\n"));
            Flush();
        }
    }

    public void Flush()
    {
        lock (_outputGate)
        {
            WriteOut(force: true);
            _output.Flush();
        }
    }

    /// <summary>RFC 3339 in UTC with microseconds, the form Singer targets expect.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static JObject Message(string type, string stream) => new() { ["type"] = type, ["stream"] = stream };

    private void WriteMessage(JObject message) => Append(Utf8(message.ToString(Formatting.None) + "\n"));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private void Append(ReadOnlySpan<byte> message)
    {
        int length;
        lock (_gate)
        {
            if (_length + message.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + message.Length));
            message.CopyTo(_buffer.AsSpan(_length));
            _length += message.Length;
            length = _length;
        }
        if (length < WriteOutAt) return;
        // While one thread writes, the others go on adding to the other buffer; they wait only when
        // that one is full as well, so a slow reader of stdout holds the tap back.
        if (length >= WriteOutAt * 4)
        {
            lock (_outputGate) WriteOut(force: false);
        }
        else if (Monitor.TryEnter(_outputGate))
        {
            try
            {
                WriteOut(force: false);
            }
            finally
            {
                Monitor.Exit(_outputGate);
            }
        }
    }

    /// <summary>Sends the buffered bytes to the stream; the caller holds _outputGate, so writers keep adding meanwhile.</summary>
    private void WriteOut(bool force)
    {
        byte[] bytes;
        int length;
        lock (_gate)
        {
            if (_length == 0 || (!force && _length < WriteOutAt)) return;
            (bytes, length) = (_buffer, _length);
            (_buffer, _spare, _length) = (_spare, _buffer, 0);
        }
        _output.Write(bytes, 0, length);
    }

    /// <summary>One thread's RECORD message under construction.</summary>
    private sealed class RecordText
    {
        private byte[] _bytes = new byte[1 << 12];
        private int _length;
        private long _extractedMillisecond = -1;
        private byte[] _extractedTail = [];

        public ReadOnlySpan<byte> Text => _bytes.AsSpan(0, _length);

        public void Format(RecordShape shape, ReadOnlySpan<JsonFragment> values, DateTimeOffset timeExtracted, long? version)
        {
            _length = 0;
            Add(shape.Opening);
            for (var i = 0; i < values.Length; i++)
            {
                Add(shape.ColumnOpenings[i]);
                Add(values[i].IsAbsent ? JsonFragment.Null.Utf8.Span : values[i].Utf8.Span);
            }
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
                _extractedTail = Utf8($",\"time_extracted\":\"{FormatTimestamp(truncated)}\"}}\n");
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

    public void Dispose() => Flush();
}

namespace TapClockify.Singer.Messages;

/// <summary>
/// Bytes on their way to a stream, in the order they were added, through two buffers: while one
/// thread writes a full buffer out, the others go on adding to the other one. Output goes out when
/// a buffer is full and at each flush.
/// </summary>
internal sealed class OutputBuffer(Stream output)
{
    internal const int WriteOutAt = 1 << 16;

    // _gate guards the buffer; _outputGate keeps writes to the stream in the order their bytes were buffered.
    private readonly object _gate = new();
    private readonly object _outputGate = new();
    private byte[] _buffer = new byte[WriteOutAt * 2];
    private byte[] _spare = new byte[WriteOutAt * 2];
    private int _length;

    public void Append(ReadOnlySpan<byte> message)
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

    /// <summary>Adds <paramref name="message"/> and flushes, with no other thread's output in between the two.</summary>
    public void AppendAndFlush(ReadOnlySpan<byte> message)
    {
        lock (_outputGate)
        {
            Append(message);
            Flush();
        }
    }

    public void Flush()
    {
        lock (_outputGate)
        {
            WriteOut(force: true);
            output.Flush();
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
        output.Write(bytes, 0, length);
    }
}

using System.Text;
using System.Text.Json;

namespace TapClockify.Bench;

/// <summary>
/// Counts the tap's Singer messages as its stdout streams by, keeping no message: lines are cut
/// out of a byte buffer and only the top-level "type" and "stream" of each are read (they come
/// first in the tap's messages, so the rest of the line is not even scanned).
/// </summary>
public sealed class SingerStdoutCounter
{
    private readonly List<(byte[] Name, long Count)> recordsByStream = [];
    private byte[] pending = new byte[1 << 16];
    private int pendingLength;

    public long Bytes { get; private set; }
    public long Lines { get; private set; }
    public long Records { get; private set; }
    public long States { get; private set; }
    public long Schemas { get; private set; }
    public long OtherMessages { get; private set; }

    /// <summary>Lines that are not a JSON object with a string "type" (should stay 0).</summary>
    public long Unparsed { get; private set; }

    public IReadOnlyDictionary<string, long> RecordsByStream =>
        recordsByStream.ToDictionary(s => Encoding.UTF8.GetString(s.Name), s => s.Count);

    public long RecordsOf(string stream) => RecordsByStream.GetValueOrDefault(stream);

    /// <summary>CPU time of the reading thread (Linux), so the reader's share of the bench process is known.</summary>
    public TimeSpan? ReaderCpu { get; private set; }

    /// <summary>Reads <paramref name="stdout"/> to its end with blocking reads, on the calling thread.</summary>
    public void ReadToEnd(Stream stdout)
    {
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stdout.Read(buffer)) > 0)
        {
            Bytes += read;
            Consume(buffer.AsSpan(0, read));
        }
        if (pendingLength > 0)
        {
            Classify(pending.AsSpan(0, pendingLength));
            pendingLength = 0;
        }
        ReaderCpu = ThreadCpu.Current();
    }

    /// <summary>Reads <paramref name="stdout"/> to its end on a thread of its own.</summary>
    public Task ReadToEndOnOwnThreadAsync(Stream stdout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ReadToEnd(stdout);
                done.SetResult();
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        }) { IsBackground = true, Name = "tap stdout reader" };
        thread.Start();
        return done.Task;
    }

    private void Consume(ReadOnlySpan<byte> chunk)
    {
        while (true)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(chunk);
                return;
            }
            if (pendingLength > 0)
            {
                Append(chunk[..newline]);
                Classify(pending.AsSpan(0, pendingLength));
                pendingLength = 0;
            }
            else
            {
                Classify(chunk[..newline]);
            }
            chunk = chunk[(newline + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (pendingLength + bytes.Length > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(pending.Length * 2, pendingLength + bytes.Length));
        }
        bytes.CopyTo(pending.AsSpan(pendingLength));
        pendingLength += bytes.Length;
    }

    private void Classify(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (line.IsEmpty) return;
        Lines++;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Unparsed++;
                return;
            }
            var type = MessageType.Unknown;
            var streamIndex = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType != JsonTokenType.String ? MessageType.Unknown
                        : reader.ValueTextEquals("RECORD"u8) ? MessageType.Record
                        : reader.ValueTextEquals("STATE"u8) ? MessageType.State
                        : reader.ValueTextEquals("SCHEMA"u8) ? MessageType.Schema
                        : MessageType.Other;
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) streamIndex = StreamIndex(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
                if (type is MessageType.State or MessageType.Schema or MessageType.Other) break;
                if (type == MessageType.Record && streamIndex >= 0) break;
            }

            switch (type)
            {
                case MessageType.Record:
                    Records++;
                    if (streamIndex >= 0)
                    {
                        var (name, count) = recordsByStream[streamIndex];
                        recordsByStream[streamIndex] = (name, count + 1);
                    }
                    break;
                case MessageType.State: States++; break;
                case MessageType.Schema: Schemas++; break;
                case MessageType.Other: OtherMessages++; break;
                default: Unparsed++; break;
            }
        }
        catch (JsonException)
        {
            Unparsed++;
        }
    }

    /// <summary>Index of the stream named by the reader's current string, added when new; no allocation once seen.</summary>
    private int StreamIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < recordsByStream.Count; i++)
        {
            if (reader.ValueTextEquals(recordsByStream[i].Name)) return i;
        }
        recordsByStream.Add((Encoding.UTF8.GetBytes(reader.GetString()!), 0));
        return recordsByStream.Count - 1;
    }

    private enum MessageType { Unknown, Record, State, Schema, Other }
}

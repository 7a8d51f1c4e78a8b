using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;

namespace Clockify.Emulator;

/// <summary>
/// Appends JSON text as UTF-8 to a stream, in 64 KB chunks: the writer of the pages where Json.NET
/// costs most (a page of 5000 time entries). What it writes must be what Json.NET's
/// <see cref="JsonTextWriter"/> writes for the same values; values it does not format itself (rates,
/// hydrated objects, any string needing an escape) come as text made by Json.NET.
/// </summary>
internal sealed class JsonBytes(Stream stream) : IDisposable
{
    private const int ChunkSize = 1 << 16;

    /// <summary>The characters Json.NET writes as they are: printable ASCII but quote and backslash.</summary>
    private static readonly SearchValues<char> PlainCharacters =
        SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // Far more slots than a page has distinct values, so that two of them seldom evict each other.
    private const int RepeatedSlots = 1024;

    private readonly (string? Value, byte[] Json)[] repeated = new (string?, byte[])[RepeatedSlots];

    private byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int used;

    /// <summary>Bytes that are JSON already: punctuation, property names, text made by Json.NET.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> json)
    {
        if (json.Length <= chunk.Length - used)
        {
            json.CopyTo(chunk.AsSpan(used));
            used += json.Length;
        }
        else
        {
            RawAfterFlush(json);
        }
    }

    private void RawAfterFlush(ReadOnlySpan<byte> json)
    {
        Flush();
        if (json.Length > chunk.Length) stream.Write(json);
        else Raw(json);
    }

    /// <summary>JSON text held as a string (a stored entry's text).</summary>
    public void Raw(string json)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(json.Length), out var rented);
        var length = Encoding.UTF8.GetBytes(json, span);
        if (rented is null) used += length;
        else
        {
            stream.Write(rented, 0, length);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A JSON string, or null, as <see cref="JsonTextWriter.WriteValue(string)"/> writes it:
    /// printable ASCII other than quote and backslash goes as it is, anything else through Json.NET.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Raw("null"u8);
            return;
        }
        if (value.AsSpan().ContainsAnyExcept(PlainCharacters))
        {
            Raw(JsonConvert.ToString(value));
            return;
        }
        var span = Reserve(value.Length + 2, out var rented);
        span[0] = (byte)'"';
        Ascii.FromUtf16(value, span[1..], out _);
        span[value.Length + 1] = (byte)'"';
        if (rented is null) used += value.Length + 2;
        else
        {
            stream.Write(rented, 0, value.Length + 2);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A JSON string, or null, that the page repeats (a user's, workspace's and projects' ids,
    /// descriptions, types): its JSON text, made by Json.NET the first time, is kept by reference and
    /// copied again, which costs less than checking and copying the characters each time.
    /// </summary>
    public void RepeatedString(string? value)
    {
        if (value is null)
        {
            Raw("null"u8);
            return;
        }
        ref var slot = ref repeated[RuntimeHelpers.GetHashCode(value) & (RepeatedSlots - 1)];
        if (!ReferenceEquals(slot.Value, value)) slot = (value, Encoding.UTF8.GetBytes(JsonConvert.ToString(value)));
        Raw(slot.Json);
    }

    public void Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>An instant as a string in <see cref="Timestamps.Format"/>'s form.</summary>
    public void Timestamp(DateTimeOffset instant) => Quoted(Timestamps.Write(instant, Room(Timestamps.MaxLength + 2)[1..]));

    /// <summary>A duration as a string in <see cref="IsoDuration.Format"/>'s form.</summary>
    public void Duration(TimeSpan duration) => Quoted(IsoDuration.Write(duration, Room(IsoDuration.MaxLength + 2)[1..]));

    public void Dispose()
    {
        Flush();
        ArrayPool<byte>.Shared.Return(chunk);
        chunk = [];
    }

    private void Flush()
    {
        stream.Write(chunk, 0, used);
        used = 0;
    }

    /// <summary>At least <paramref name="length"/> bytes of the chunk, to be given back with <see cref="Quoted"/>.</summary>
    private Span<byte> Room(int length)
    {
        if (length > chunk.Length - used) Flush();
        return chunk.AsSpan(used);
    }

    /// <summary>Quotes the <paramref name="length"/> ASCII characters written after an opening quote's place in <see cref="Room"/>.</summary>
    private void Quoted(int length)
    {
        chunk[used] = (byte)'"';
        chunk[used + length + 1] = (byte)'"';
        used += length + 2;
    }

    /// <summary>Room for <paramref name="length"/> bytes: in the chunk, or in a rented array
    /// (<paramref name="rented"/>) the caller writes out and returns.</summary>
    private Span<byte> Reserve(int length, out byte[]? rented)
    {
        rented = null;
        if (length <= chunk.Length - used) return chunk.AsSpan(used, length);
        Flush();
        if (length <= chunk.Length) return chunk.AsSpan(0, length);
        rented = ArrayPool<byte>.Shared.Rent(length);
        return rented.AsSpan(0, length);
    }
}

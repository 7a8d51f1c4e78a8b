using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace TapClockify.Clockify;

/// <summary>
/// A response body as UTF-8 bytes, downloaded whole (a few MB at most) into a pooled buffer and read
/// synchronously: pages of time entries come one after another, so their buffers are reused.
/// Dispose gives the buffer back.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private readonly BodyBuffer _buffer;

    private PooledBody(BodyBuffer buffer, int length)
    {
        _buffer = buffer;
        // A byte order mark is not JSON; the rest is UTF-8 as Clockify sends it.
        Json = buffer.GetSpan()[..length].StartsWith(Encoding.UTF8.Preamble) ? buffer.Memory.Slice(3, length - 3) : buffer.Memory[..length];
    }

    public ReadOnlyMemory<byte> Json { get; }

    public static async Task<PooledBody> ReadAsync(HttpResponseMessage response, CancellationToken token)
    {
        // One byte more than announced, so the read that finds the end needs no larger buffer.
        var size = response.Content.Headers.ContentLength is { } announced and < 1 << 28 ? (int)announced + 1 : 1 << 16;
        var buffer = BodyBuffers.Shared.Rent(size);
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = BodyBuffers.Shared.Rent(buffer.Length * 2);
                    buffer.GetSpan()[..length].CopyTo(larger.GetSpan());
                    BodyBuffers.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.Memory[length..], token);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            BodyBuffers.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose() => BodyBuffers.Shared.Return(_buffer);
}

/// <summary>
/// Memory for bodies, outside the garbage-collected heap: a page of 5000 time entries is 2.3 MB, and
/// each such array the heap made set off a full collection (its budget for large objects spent), the
/// first pages' bodies costing about as much CPU as receiving them. Nothing of a body outlives it
/// (items keep copies of their text), so a buffer is freed only once no body has it.
/// </summary>
internal sealed unsafe class BodyBuffer : MemoryManager<byte>
{
    private byte* _start;

    public BodyBuffer(int length)
    {
        _start = (byte*)NativeMemory.Alloc((nuint)length);
        Length = length;
    }

    public int Length { get; }

    public override Span<byte> GetSpan() => new(_start, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        NativeMemory.Free(_start);
        _start = null;
    }
}

/// <summary>
/// Buffers for bodies to be read into: at most <paramref name="kept"/> kept for the next bodies, each
/// handed to a body at least as long; one that is not kept is freed. Unlike an
/// <see cref="ArrayPool{T}"/>'s, they are not zeroed when made nor rounded up to a power of two, so
/// memory no body fills is never touched.
/// </summary>
internal sealed class BodyBuffers(int kept)
{
    /// <summary>The buffers of every body: as many kept as pages are read at once by default.</summary>
    public static readonly BodyBuffers Shared = new(8);

    private readonly List<BodyBuffer> _free = [];

    /// <summary>A buffer of at least <paramref name="size"/> bytes, the smallest kept one that fits, else a new one.</summary>
    public BodyBuffer Rent(int size)
    {
        lock (_free)
        {
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                if (_free[i].Length >= size && (best < 0 || _free[i].Length < _free[best].Length)) best = i;
            }
            if (best >= 0)
            {
                var buffer = _free[best];
                _free.RemoveAt(best);
                return buffer;
            }
        }
        // Pages of one list are about the same size: room for one a quarter longer, which costs nothing until it is filled.
        return new BodyBuffer(size + size / 4);
    }

    /// <summary>Keeps <paramref name="buffer"/> for a later body, in place of the smallest kept one when there are enough; frees the one not kept.</summary>
    public void Return(BodyBuffer buffer)
    {
        var dropped = buffer;
        lock (_free)
        {
            if (_free.Count < kept)
            {
                _free.Add(buffer);
                return;
            }
            var smallest = 0;
            for (var i = 1; i < _free.Count; i++)
            {
                if (_free[i].Length < _free[smallest].Length) smallest = i;
            }
            if (_free[smallest].Length < buffer.Length) (dropped, _free[smallest]) = (_free[smallest], buffer);
        }
        ((IDisposable)dropped).Dispose();
    }
}

using System.Buffers;
using System.Text;

namespace TapClockify.Clockify;

/// <summary>
/// A response body as UTF-8 bytes, downloaded whole (a few MB at most) into a pooled buffer and read
/// synchronously: pages of time entries come one after another, so their buffers are reused.
/// Dispose gives the buffer back.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    // Bounded, unlike the shared pool, which keeps buffers per core and per thread: a few MB each here.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 8);

    private readonly byte[] _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        // A byte order mark is not JSON; the rest is UTF-8 as Clockify sends it.
        Json = buffer.AsSpan(0, length).StartsWith(Encoding.UTF8.Preamble) ? buffer.AsMemory(3, length - 3) : buffer.AsMemory(0, length);
    }

    public ReadOnlyMemory<byte> Json { get; }

    public static async Task<PooledBody> ReadAsync(HttpResponseMessage response, CancellationToken token)
    {
        // One byte more than announced, so the read that finds the end needs no larger buffer.
        var size = response.Content.Headers.ContentLength is { } announced and < 1 << 28 ? (int)announced + 1 : 1 << 16;
        var buffer = Buffers.Rent(size);
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = Buffers.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Buffers.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), token);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            Buffers.Return(buffer);
            throw;
        }
    }

    public void Dispose() => Buffers.Return(_buffer);
}

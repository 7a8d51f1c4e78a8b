using System.Collections.Concurrent;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Clockify;

/// <summary>
/// Makes a list item from its JSON. The reader is on the item's first token and must be left on its
/// last; <paramref name="json"/> is the text the reader reads (its token positions count from its
/// start). That text is reused once the page is read: an item must keep a copy of what it needs.
/// </summary>
/// <param name="reuse">With <see cref="ItemReader{T}.ReusesItems"/>, an item the caller is done with, to fill again; else default.</param>
public delegate T ReadItem<T>(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, T? reuse);

/// <summary>How a list item is made from its JSON, and its id.</summary>
/// <param name="ReusesItems">
/// Items are filled again once the caller has moved past them, for lists of millions of items: an
/// item is then valid only until the next one is asked for.
/// </param>
public sealed record ItemReader<T>(ReadItem<T> Read, Func<T, string?> IdOf, bool ReusesItems = false)
{
    /// <summary>Batches of items callers have gone past, shared by every list read with this reader so their number stays small.</summary>
    internal ConcurrentQueue<List<T>>? SpareBatches { get; } = ReusesItems ? new() : null;
}

public static class ItemReader
{
    /// <summary>Items as JSON objects, identified by "id" (or the reports API's "_id").</summary>
    public static readonly ItemReader<JObject> Objects = new(ReadObject, item => (item["id"] ?? item["_id"])?.ToString());

    private static JObject ReadObject(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, JObject? reuse)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return (JObject)TapJson.Parse(json.Span[start..(int)reader.BytesConsumed]);
    }
}

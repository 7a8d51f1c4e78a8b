using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;

namespace TapClockify.Clockify;

/// <summary>
/// Makes a list item from its JSON, an object that starts at <paramref name="start"/> of
/// <paramref name="json"/>, one level inside the list, and checks it is JSON (<see cref="JsonScanner"/>
/// reads it as the list's reader would); <paramref name="end"/> is where it ends. That text is
/// reused once the page is read: an item must keep a copy of what it needs.
/// </summary>
/// <param name="reuse">With <see cref="ItemReader{T}.ReusesItems"/>, an item the caller is done with, to fill again; else default.</param>
public delegate T ReadItem<T>(ReadOnlySpan<byte> json, int start, out int end, T? reuse);

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

    private static JObject ReadObject(ReadOnlySpan<byte> json, int start, out int end, JObject? reuse)
    {
        end = JsonScanner.Value(json, start, depth: 1, out _);
        return (JObject)TapJson.Parse(json[start..end]);
    }
}

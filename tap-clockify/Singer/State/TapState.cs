using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.State;

/// <summary>
/// The state a run resumes from and updates: <c>{"bookmarks": {stream: {...}}}</c>.
/// Unknown keys are carried over unchanged, so state written by other versions survives a run.
/// </summary>
public sealed class TapState
{
    private readonly JObject _value;
    private readonly object _gate = new();
    private readonly Dictionary<string, (JArray Partitions, SortedList<string, JObject> ByContext)> _partitionIndexes = [];

    private TapState(JObject value) => _value = value;

    public static TapState Empty() => new(new JObject { ["bookmarks"] = new JObject() });

    /// <summary>Reads a --state file's JSON; <paramref name="source"/> names the file in errors.</summary>
    public static TapState Parse(JToken? json, string source)
    {
        if (json is null || json.Type == JTokenType.Null) return Empty();
        if (json is not JObject value)
            throw new SingerInputException($"{source}: state must be a JSON object such as {{\"bookmarks\": {{}}}}");
        // Some runners hand over the whole STATE message rather than its value.
        if (value["type"]?.ToString() == "STATE" && value["value"] is JObject inner) value = inner;
        value = (JObject)value.DeepClone();
        if (value["bookmarks"] is null || value["bookmarks"]!.Type == JTokenType.Null) value["bookmarks"] = new JObject();
        if (value["bookmarks"] is not JObject)
            throw new SingerInputException($"{source}: \"bookmarks\" must be a JSON object");
        return new TapState(value);
    }

    /// <summary>The bookmark object of a stream, created on first use.</summary>
    private JObject StreamBookmarks(string stream)
    {
        lock (_gate)
        {
            var bookmarks = (JObject)_value["bookmarks"]!;
            if (bookmarks[stream] is not JObject streamBookmarks)
            {
                streamBookmarks = new JObject();
                bookmarks[stream] = streamBookmarks;
            }
            return streamBookmarks;
        }
    }

    /// <summary>
    /// The replication-key value of one partition of a stream, in the Meltano SDK's layout
    /// (<c>{"partitions": [{"context": {...}, "replication_key": ..., "replication_key_value": ...}]}</c>).
    /// A stream-level <c>replication_key_value</c>, as single-bookmark taps write it, stands in for
    /// partitions that have none of their own.
    /// </summary>
    public string? PartitionBookmark(string stream, IReadOnlyDictionary<string, string> context) =>
        PartitionProperty(stream, context, "replication_key_value", fallBackToStream: true);

    /// <summary>Another text value kept beside a partition's bookmark.</summary>
    public string? PartitionProperty(string stream, IReadOnlyDictionary<string, string> context, string name, bool fallBackToStream = false)
    {
        lock (_gate)
        {
            if (_value["bookmarks"]![stream] is not JObject streamBookmarks) return null;
            var value = FindPartition(streamBookmarks, stream, context)?[name] ?? (fallBackToStream ? streamBookmarks[name] : null);
            return value is JValue { Type: JTokenType.String } text ? text.ToString() : null;
        }
    }

    public void SetPartitionBookmark(string stream, IReadOnlyDictionary<string, string> context, string replicationKey, string value,
        IReadOnlyDictionary<string, string>? alongside = null)
    {
        lock (_gate)
        {
            var streamBookmarks = StreamBookmarks(stream);
            var byContext = PartitionIndex(streamBookmarks, stream, create: true)!;
            var key = ContextKey(context.Select(c => (c.Key, c.Value)));
            if (!byContext.TryGetValue(key, out var partition))
            {
                partition = new JObject { ["context"] = new JObject(context.Select(c => new JProperty(c.Key, c.Value))) };
                byContext.Add(key, partition);
                ((JArray)streamBookmarks["partitions"]!).Insert(byContext.IndexOfKey(key), partition);
            }
            partition["replication_key"] = replicationKey;
            partition["replication_key_value"] = value;
            foreach (var (name, text) in alongside ?? new Dictionary<string, string>()) partition[name] = text;
        }
    }

    /// <summary>
    /// The partitions of a stream by context, built on first use from what the state file held: one
    /// lookup at each partition's end instead of a scan of them all, which made a run's state work
    /// grow with the square of its users. The stream's partitions are put in the order of their
    /// contexts then, and new ones are inserted in that order, so a STATE lists them the same way
    /// whichever partition finished first.
    /// </summary>
    private SortedList<string, JObject>? PartitionIndex(JObject streamBookmarks, string stream, bool create)
    {
        var partitions = streamBookmarks["partitions"] as JArray;
        if (_partitionIndexes.TryGetValue(stream, out var index) && index.Partitions == partitions) return index.ByContext;
        if (partitions is null)
        {
            if (!create) return null;
            partitions = [];
            streamBookmarks["partitions"] = partitions;
        }
        var byContext = new SortedList<string, JObject>(StringComparer.Ordinal);
        var others = new List<JToken>();
        foreach (var item in partitions)
        {
            // The first of partitions with one context is the one read, as before; the rest and anything unreadable stay, after them.
            if (item is JObject partition && partition["context"] is JObject context && byContext.TryAdd(ContextKey(context.Properties().Select(p => (p.Name, p.Value.ToString()))), partition)) continue;
            others.Add(item);
        }
        partitions.ReplaceAll(byContext.Values.Concat(others).ToList());
        _partitionIndexes[stream] = (partitions, byContext);
        return byContext;
    }

    private JObject? FindPartition(JObject streamBookmarks, string stream, IReadOnlyDictionary<string, string> context) =>
        PartitionIndex(streamBookmarks, stream, create: false) is { } byContext && byContext.TryGetValue(ContextKey(context.Select(c => (c.Key, c.Value))), out var partition)
            ? partition
            : null;

    /// <summary>A context's names and values in name order: the same for the same context in any order.</summary>
    private static string ContextKey(IEnumerable<(string Name, string Value)> context) =>
        string.Join('\u001e', context.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Name + '\u001f' + c.Value));

    /// <summary>A value kept for a whole stream, such as its table version.</summary>
    public long? StreamValue(string stream, string key)
    {
        lock (_gate) return _value["bookmarks"]![stream]?[key] is JValue { Type: JTokenType.Integer } value ? (long)value : null;
    }

    public void SetStreamValue(string stream, string key, long value)
    {
        lock (_gate) StreamBookmarks(stream)[key] = value;
    }

    /// <summary>A list of texts kept for a whole stream; null when it has none.</summary>
    public IReadOnlyList<string>? StreamList(string stream, string key)
    {
        lock (_gate)
        {
            return _value["bookmarks"]![stream]?[key] is JArray items && items.All(i => i.Type == JTokenType.String)
                ? items.Select(i => i.ToString()).ToList()
                : null;
        }
    }

    public void SetStreamList(string stream, string key, IReadOnlyList<string> values)
    {
        lock (_gate) StreamBookmarks(stream)[key] = new JArray(values);
    }

    /// <summary>
    /// The state as one line of JSON for a STATE message, written straight from the live state: a
    /// STATE goes out after every partition, and a copy of every partition first doubled the work.
    /// </summary>
    public string ToJsonLine()
    {
        lock (_gate) return _value.ToString(Formatting.None);
    }

    /// <summary>Whether any partition of the stream has <paramref name="value"/> under <paramref name="key"/> in its context.</summary>
    public bool HasPartitionWith(string stream, string key, string value)
    {
        lock (_gate)
        {
            return _value["bookmarks"]![stream] is JObject streamBookmarks && streamBookmarks["partitions"] is JArray partitions
                && partitions.OfType<JObject>().Any(p => (p["context"] as JObject)?[key]?.ToString() == value);
        }
    }
}

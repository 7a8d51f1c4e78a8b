using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.State;

/// <summary>
/// The state a run resumes from and updates: <c>{"bookmarks": {stream: {...}}, "currently_syncing": ...}</c>.
/// Unknown keys are carried over unchanged, so state written by other versions survives a run.
/// </summary>
public sealed class TapState
{
    private readonly JObject _value;
    private readonly object _gate = new();

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
    public JObject StreamBookmarks(string stream)
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

    public bool HasBookmarks(string stream)
    {
        lock (_gate) return _value["bookmarks"]![stream] is JObject;
    }

    public string? CurrentlySyncing
    {
        get { lock (_gate) return _value["currently_syncing"]?.Type == JTokenType.String ? _value["currently_syncing"]!.ToString() : null; }
        set { lock (_gate) _value["currently_syncing"] = value is null ? JValue.CreateNull() : new JValue(value); }
    }

    /// <summary>A copy to put in a STATE message.</summary>
    public JObject Snapshot()
    {
        lock (_gate) return (JObject)_value.DeepClone();
    }

    /// <summary>Runs a change under the state's lock, so a snapshot never sees half of it.</summary>
    public void Update(Action<JObject> change)
    {
        lock (_gate) change((JObject)_value["bookmarks"]!);
    }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>A tap's stdout, read line by line as Singer messages.</summary>
public sealed class SingerOutput
{
    // Grouped once: tests ask for the records of several streams, their counts and the states of one
    // output, and each question used to read every message's type again.
    private readonly Dictionary<string, List<JObject>> _byType = [];
    private readonly Dictionary<string, List<JObject>> _recordsByStream = [];

    private SingerOutput(IReadOnlyList<JObject> messages)
    {
        All = messages;
        foreach (var message in messages)
        {
            var type = message["type"]!.ToString();
            Add(_byType, type, message);
            if (type == "RECORD") Add(_recordsByStream, message["stream"]!.ToString(), (JObject)message["record"]!);
        }
        States = OfType("STATE").Select(m => (JObject)m["value"]!).ToList();
        RecordCounts = _recordsByStream.ToDictionary(s => s.Key, s => s.Value.Count);
    }

    private static void Add(Dictionary<string, List<JObject>> lists, string key, JObject item)
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(item);
    }

    public IReadOnlyList<JObject> All { get; }

    public static SingerOutput Parse(string stdout)
    {
        var messages = new List<JObject>();
        var lines = stdout.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) break;
            try
            {
                using var reader = new JsonTextReader(new StringReader(lines[i])) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
                var message = JObject.Load(reader);
                if (message["type"] is null) throw new InvalidDataException("no type");
                messages.Add(message);
            }
            catch (Exception error) when (error is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"stdout line {i + 1} is not a Singer message: {lines[i]}", error);
            }
        }
        return new SingerOutput(messages);
    }

    /// <summary>The messages of one type, in the order written.</summary>
    public IReadOnlyList<JObject> OfType(string type) => _byType.TryGetValue(type, out var messages) ? messages : [];

    /// <summary>The records of one stream, in the order written.</summary>
    public IReadOnlyList<JObject> Records(string stream) => _recordsByStream.TryGetValue(stream, out var records) ? records : [];

    public JObject Schema(string stream) => OfType("SCHEMA").Single(m => m["stream"]!.ToString() == stream);

    public IReadOnlyList<JObject> States { get; }

    /// <summary>Records per stream, the streams in the order of their first record.</summary>
    public IReadOnlyDictionary<string, int> RecordCounts { get; }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>A tap's stdout, read line by line as Singer messages.</summary>
public sealed class SingerOutput
{
    private SingerOutput(IReadOnlyList<JObject> messages) => All = messages;

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

    public IEnumerable<JObject> OfType(string type) => All.Where(m => m["type"]!.ToString() == type);

    public IReadOnlyList<JObject> Records(string stream) =>
        OfType("RECORD").Where(m => m["stream"]!.ToString() == stream).Select(m => (JObject)m["record"]!).ToList();

    public JObject Schema(string stream) => OfType("SCHEMA").Single(m => m["stream"]!.ToString() == stream);

    public IReadOnlyList<JObject> States => OfType("STATE").Select(m => (JObject)m["value"]!).ToList();

    public IReadOnlyDictionary<string, int> RecordCounts =>
        OfType("RECORD").GroupBy(m => m["stream"]!.ToString()).ToDictionary(g => g.Key, g => g.Count());
}

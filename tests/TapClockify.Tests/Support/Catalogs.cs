using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

public static class Catalogs
{
    /// <summary>A catalog selecting only the given streams, every property of each.</summary>
    public static JObject Selecting(params string[] streams) => new()
    {
        ["streams"] = new JArray(streams.Select(stream => new JObject
        {
            ["tap_stream_id"] = stream,
            ["schema"] = JObject.Parse(File.ReadAllText(RepoPaths.Of("schemas", stream + ".json"))),
            ["metadata"] = new JArray(new JObject { ["breadcrumb"] = new JArray(), ["metadata"] = new JObject { ["selected"] = true } }),
        })),
    };
}

using Newtonsoft.Json.Linq;

namespace TapClockify.Bench;

/// <summary>Files of the repository the benchmark uses.</summary>
public static class RepoLayout
{
    /// <summary>The folder holding tap-clockify.sln, above the program or the working folder.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "tap-clockify.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("tap-clockify.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A Singer catalog selecting only the given streams, every property, schemas from schemas/.</summary>
    public static JObject CatalogSelecting(string repoRoot, params string[] streams) => new()
    {
        ["streams"] = new JArray(streams.Select(stream => new JObject
        {
            ["tap_stream_id"] = stream,
            ["stream"] = stream,
            ["schema"] = JObject.Parse(File.ReadAllText(Path.Combine(repoRoot, "schemas", stream + ".json"))),
            ["metadata"] = new JArray(new JObject
            {
                ["breadcrumb"] = new JArray(),
                ["metadata"] = new JObject { ["selected"] = true },
            }),
        })),
    };
}

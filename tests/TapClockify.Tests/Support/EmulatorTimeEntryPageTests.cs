using Clockify.Emulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;
using EmulatorTimestamps = Clockify.Emulator.Timestamps;

namespace TapClockify.Tests.Support;

/// <summary>
/// The emulator writes the large dataset's generated time entries straight to bytes, and stored
/// entries through Json.NET: a user's time-entry pages must be the same bytes either way, and
/// stored entries' pages what Json.NET writes for them.
/// </summary>
public class EmulatorTimeEntryPageTests
{
    private static readonly DateTimeOffset Now = EmulatorDataset.DefaultNow;

    /// <summary>First, middle, last and past-the-end pages, everything at once, the running timer alone
    /// and a start/end window; each plain and hydrated.</summary>
    private static readonly string[] Queries = new[]
    {
        "", "page-size=5000", "page=1&page-size=37", "page=6&page-size=37", "page=11&page-size=37", "page=12&page-size=37",
        "in-progress=true", $"start={Format(Now.AddDays(-100))}&end={Format(Now.AddDays(-50))}&page-size=5000",
    }.SelectMany(q => new[] { q, q == "" ? "hydrated=true" : q + "&hydrated=true" }).ToArray();

    private static string Format(DateTimeOffset instant) => Uri.EscapeDataString(EmulatorTimestamps.Format(instant));

    /// <summary>Status, the headers a client reads, and the body of each query for each user.</summary>
    private static async Task<List<string>> ResponsesAsync(ClockifyEmulator emulator, EmulatorWorkspace workspace, IEnumerable<string> userIds,
        IEnumerable<string> queries)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", EmulatorDataset.AdminApiKey);
        var responses = new List<string>();
        foreach (var userId in userIds)
        {
            foreach (var query in queries)
            {
                using var response = await http.GetAsync($"{emulator.ApiUrl}/workspaces/{workspace.Id}/user/{userId}/time-entries?{query}");
                var body = await response.Content.ReadAsStringAsync();
                var lastPage = response.Headers.TryGetValues("Last-Page", out var values) ? string.Join(",", values) : "none";
                responses.Add($"{userId}?{query}: {(int)response.StatusCode} {response.Content.Headers.ContentType} " +
                    $"length {response.Content.Headers.ContentLength} Last-Page {lastPage}\n{body}");
            }
        }
        return responses;
    }

    private static string Body(string response) => response[(response.IndexOf('\n') + 1)..];

    [Fact]
    public async Task Generated_entries_pages_are_the_bytes_of_the_same_entries_once_stored()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateLarge(users: 3, entriesPerUser: 400, Now));
        var workspace = emulator.Data.Workspaces[0];
        // User 0 has a running timer; user 1 none.
        var userIds = workspace.Users.Take(2).Select(u => (string)u["id"]!).ToList();
        var generated = await ResponsesAsync(emulator, workspace, userIds, Queries);

        var everything = generated.Where(r => r.Contains("?page-size=5000:")).Select(r => JArray.Parse(Body(r))).ToList();
        var entries = everything.SelectMany(page => page).ToList();
        Assert.Equal(800, entries.Count);
        Assert.Contains(entries, e => e["timeInterval"]!["end"]!.Type == JTokenType.Null);
        Assert.Contains(entries, e => e["projectId"]!.Type == JTokenType.Null);
        Assert.Contains(entries, e => e["tagIds"]!.Type == JTokenType.Null);
        Assert.Contains(entries, e => e["tagIds"]!.Type == JTokenType.Array);
        Assert.Contains(entries, e => (bool)e["isLocked"]!);
        Assert.Contains(entries, e => !(bool)e["isLocked"]!);
        Assert.Contains(entries, e => (string)e["description"]! == "");

        // Looking an entry up stores it: from then on its pages are written from the stored entry by Json.NET.
        foreach (var entry in entries) Assert.NotNull(workspace.FindTimeEntry((string)entry["id"]!));
        var stored = await ResponsesAsync(emulator, workspace, userIds, Queries);

        Assert.Equal(generated, stored);
    }

    [Fact]
    public async Task Stored_entries_pages_are_the_entries_as_json_net_writes_them()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var workspace = emulator.Data.Workspaces[0];
        var queries = new[] { "page-size=5000", "page=1&page-size=4", "page=3&page-size=4", "in-progress=true" }
            .SelectMany(q => new[] { q, q + "&hydrated=true" }).ToArray();
        var userIds = workspace.Users.Select(u => (string)u["id"]!).ToList();

        var responses = await ResponsesAsync(emulator, workspace, userIds, queries);

        var expected = new List<string>();
        foreach (var userId in userIds)
        {
            var newestFirst = workspace.TimeEntries.Where(e => (string)e["userId"]! == userId)
                .OrderByDescending(e => Instant(e, "start")).ThenBy(e => (string)e["id"]!, StringComparer.Ordinal).ToList();
            foreach (var query in queries)
            {
                var inProgress = query.Contains("in-progress");
                var (page, size) = query.Contains("page=3") ? (3, 4) : query.Contains("page=1") ? (1, 4) : (1, inProgress ? 50 : 5000);
                var matching = newestFirst.Where(e => !inProgress || Instant(e, "end") is null).ToList();
                var items = matching.Skip((page - 1) * size).Take(size).Select(e => query.Contains("hydrated") ? Hydrated(workspace, e) : e.DeepClone());
                var body = new JArray(items).ToString(Formatting.None);
                var lastPage = page * size >= matching.Count ? "true" : "false";
                expected.Add($"{userId}?{query}: 200 application/json length {System.Text.Encoding.UTF8.GetByteCount(body)} Last-Page {lastPage}\n{body}");
            }
        }

        Assert.Contains(responses, r => r.Contains("in-progress=true:") && Body(r).Length > 2);
        Assert.Contains(responses, r => r.Contains("\"customFieldValues\":[{"));
        Assert.Contains(responses, r => r.Contains("\"kioskId\":\""));
        Assert.Equal(expected, responses);
    }

    private static DateTimeOffset? Instant(JObject entry, string name) =>
        EmulatorTimestamps.TryParse((string?)entry["timeInterval"]![name], out var instant) ? instant : null;

    /// <summary><c>hydrated=true</c>: the related project, task, tags and user after the entry's own fields (NOTES §5.9).</summary>
    private static JObject Hydrated(EmulatorWorkspace workspace, JObject entry)
    {
        var hydrated = (JObject)entry.DeepClone();
        var projectId = (string?)entry["projectId"];
        var tagIds = (entry["tagIds"] as JArray)?.Values<string>().ToList() ?? [];
        hydrated["project"] = workspace.Projects.Find(p => (string?)p["id"] == projectId)?.DeepClone() ?? JValue.CreateNull();
        hydrated["task"] = (projectId == null ? null : workspace.TasksByProject.GetValueOrDefault(projectId)?.Find(t => (string?)t["id"] == (string?)entry["taskId"]))
            ?.DeepClone() ?? JValue.CreateNull();
        hydrated["tags"] = new JArray(workspace.Tags.Where(t => tagIds.Contains((string)t["id"]!)).Select(t => t.DeepClone()));
        var user = workspace.FindUser((string)entry["userId"]!)!;
        hydrated["user"] = new JObject { ["id"] = user["id"]!.DeepClone(), ["name"] = user["name"]!.DeepClone(), ["email"] = user["email"]!.DeepClone(), ["status"] = user["status"]!.DeepClone() };
        return hydrated;
    }
}

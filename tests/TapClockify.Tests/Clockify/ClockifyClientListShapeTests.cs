using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>Lists wrapped once or twice, with totals, and paged in a POST body, read from the bytes a loopback server sends.</summary>
public class ClockifyClientListShapeTests
{
    private static int QueryInt(Uri url, string name) =>
        int.Parse(url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).Single(p => p[0] == name)[1]);

    private static List<JObject> Items(int count) => Enumerable.Range(1, count).Select(i => new JObject { ["id"] = $"i{i}" }).ToList();

    private static async Task<List<string>> IdsAsync(IAsyncEnumerable<JObject> items)
    {
        var ids = new List<string>();
        await foreach (var item in items) ids.Add(item["id"]!.ToString());
        return ids;
    }

    [Fact]
    public async Task A_list_wrapped_twice_is_read_at_its_dotted_path_and_its_total_outlasts_pages_capped_below_the_size_asked()
    {
        var all = Items(5);
        // The server serves at most 2 items whatever page-size asks, as an endpoint with an undocumented cap might.
        using var server = new ScriptedServer((_, url, _) =>
        {
            var page = QueryInt(url, "page");
            return new JObject
            {
                ["dailyTotals"] = new JArray(new JObject { ["expenses"] = new JArray(new JObject { ["id"] = "not-a-row" }) }),
                ["expenses"] = new JObject { ["count"] = all.Count, ["expenses"] = new JArray(all.Skip((page - 1) * 2).Take(2)) },
                ["weeklyTotals"] = new JArray(),
            }.ToString();
        });
        using var client = server.Client();

        var ids = await IdsAsync(client.GetAllPagesAsync("workspaces/w/expenses", [], 3, wrappedIn: "expenses.expenses", totalAt: "expenses.count"));

        Assert.Equal(all.Select(i => i["id"]!.ToString()), ids);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_total_reached_on_a_full_page_ends_the_list_without_asking_for_an_empty_page()
    {
        var all = Items(4);
        using var server = new ScriptedServer((_, url, _) =>
        {
            var page = QueryInt(url, "page");
            var size = QueryInt(url, "page-size");
            return new JObject { ["categories"] = new JArray(all.Skip((page - 1) * size).Take(size)), ["count"] = all.Count }.ToString();
        });
        using var client = server.Client();

        var ids = await IdsAsync(client.GetAllPagesAsync("workspaces/w/expenses/categories", [], 2, wrappedIn: "categories", totalAt: "count"));

        Assert.Equal(4, ids.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_declared_wrapper_still_reads_a_bare_list()
    {
        using var server = new ScriptedServer((_, _, _) => new JArray(Items(3)).ToString());
        using var client = server.Client();

        Assert.Equal(3, (await IdsAsync(client.GetListAsync("workspaces/w/holidays", [], wrappedIn: "holidays"))).Count);
    }

    [Fact]
    public async Task A_post_list_pages_through_its_body_until_the_total_is_read()
    {
        var all = Items(5);
        using var server = new ScriptedServer((method, _, body) =>
        {
            var page = (int)body!["page"]!;
            var size = (int)body["pageSize"]!;
            return new JObject { ["count"] = all.Count, ["requests"] = new JArray(all.Skip((page - 1) * size).Take(size)) }.ToString();
        });
        using var client = server.Client();

        var ids = await IdsAsync(client.PostAllPagesAsync(ClockifyApi.Core, "workspaces/w/time-off/requests",
            page => new JObject { ["page"] = page, ["pageSize"] = 2, ["statuses"] = new JArray("ALL") }, "requests", 2, ItemReader.Objects, totalAt: "count"));

        Assert.Equal(all.Select(i => i["id"]!.ToString()), ids);
        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal([1, 2, 3], server.Requests.Select(r => (int)r.Body!["page"]!));
        Assert.All(server.Requests, r => Assert.Equal("/api/v1/workspaces/w/time-off/requests", r.Url.AbsolutePath));
    }

    [Fact]
    public async Task A_post_list_read_in_batches_gives_every_item_once_in_order_until_a_short_page()
    {
        var all = Items(250);
        using var server = new ScriptedServer((_, _, body) =>
        {
            var page = (int)body!["detailedFilter"]!["page"]!;
            return new JObject { ["totals"] = new JArray(), ["timeentries"] = new JArray(all.Skip((page - 1) * 100).Take(100)) }.ToString();
        });
        using var client = server.Client();

        var batches = new List<List<string>>();
        await foreach (var batch in client.PostAllPagesInBatchesAsync(ClockifyApi.Reports, "workspaces/w/reports/detailed",
            page => new JObject { ["detailedFilter"] = new JObject { ["page"] = page, ["pageSize"] = 100 } }, "timeentries", 100, ItemReader.Objects))
        {
            batches.Add(batch.Select(i => i["id"]!.ToString()).ToList());
        }

        Assert.Equal(all.Select(i => i["id"]!.ToString()), batches.SelectMany(b => b));
        // A page's items come in several batches, not all at once nor one at a time.
        Assert.True(batches.Count is > 3 and < 250, $"{batches.Count} batches");
        Assert.Equal([1, 2, 3], server.Requests.Select(r => (int)r.Body!["detailedFilter"]!["page"]!));
        Assert.All(server.Requests, r => Assert.Equal("/report/v1/workspaces/w/reports/detailed", r.Url.AbsolutePath));
    }
}

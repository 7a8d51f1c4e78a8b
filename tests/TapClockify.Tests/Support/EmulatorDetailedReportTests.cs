using System.Text;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace TapClockify.Tests.Support;

/// <summary>
/// The emulator's detailed report answers a page from its index of the large dataset's entries, and
/// builds answers with filters or stored entries another way: the two must agree to the byte.
/// </summary>
public class EmulatorDetailedReportTests
{
    private static readonly DateTimeOffset Now = EmulatorDataset.DefaultNow;

    private static async Task<List<string>> PagesAsync(ClockifyEmulator emulator, string order, JObject? users = null, int pageSize = 40)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", EmulatorDataset.AdminApiKey);
        var workspaceId = emulator.Data.Workspaces[0].Id;
        var pages = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = new JObject
            {
                ["dateRangeStart"] = Now.AddDays(-90).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
                ["dateRangeEnd"] = Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
                ["timeZone"] = "Etc/UTC",
                ["sortOrder"] = order,
                ["detailedFilter"] = new JObject { ["page"] = page, ["pageSize"] = pageSize, ["sortColumn"] = "DATE" },
            };
            if (users is not null) body["users"] = users;
            using var response = await http.PostAsync($"{emulator.ReportsUrl}/workspaces/{workspaceId}/reports/detailed",
                new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            if (((JArray)JObject.Parse(text)["timeentries"]!).Count == 0) return pages;
            pages.Add(text);
        }
    }

    [Theory]
    [InlineData("ASCENDING")]
    [InlineData("DESCENDING")]
    public async Task Pages_read_from_the_index_equal_those_of_a_filter_that_keeps_every_user(string order)
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateLarge(users: 3, entriesPerUser: 400, Now));
        var everyone = new JObject
        {
            ["ids"] = new JArray(emulator.Data.Workspaces[0].Users.Select(u => u["id"]!.ToString())),
            ["contains"] = "CONTAINS",
            ["status"] = "ALL",
        };

        var fromIndex = await PagesAsync(emulator, order);
        var filtered = await PagesAsync(emulator, order, everyone);

        Assert.True(fromIndex.Count >= 5, $"only {fromIndex.Count} pages");
        Assert.Equal(filtered, fromIndex);
    }

    [Fact]
    public async Task A_generated_entrys_item_is_the_same_once_the_entry_is_stored()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateLarge(users: 3, entriesPerUser: 400, Now));
        var before = await PagesAsync(emulator, "ASCENDING");
        var items = before.SelectMany(p => (JArray)JObject.Parse(p)["timeentries"]!).ToList();
        var running = items.Where(i => i["timeInterval"]!["end"]!.Type == JTokenType.Null).ToList();
        Assert.NotEmpty(running);

        // Looking an entry up stores it: from then on its item is built from the stored entry.
        var workspace = emulator.Data.Workspaces[0];
        foreach (var item in running.Concat([items[0], items[17], items[^1]])) Assert.NotNull(workspace.FindTimeEntry(item["_id"]!.ToString()));
        var after = await PagesAsync(emulator, "ASCENDING");

        Assert.Equal(before, after);
    }
}

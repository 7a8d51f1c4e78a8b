using System.Globalization;
using Clockify.Emulator;
using Newtonsoft.Json.Linq;

namespace TapClockify.Bench;

/// <summary>A report window and the pages of 1000 it takes to read it whole.</summary>
public sealed record ReportWindow(DateTimeOffset From, DateTimeOffset To, int Pages);

/// <summary>One request of the fewest a sync needs: a GET, or a POST with its JSON body; the path is from the emulator's root.</summary>
public sealed record PlannedRequest(string Path, string? Body);

/// <summary>
/// The fewest requests a sync of the bench's catalog (time_entries only) needs, for either source:
/// what the do-nothing client makes and what "requests / fewest" divides by.
/// </summary>
public sealed class RequestPlan
{
    /// <summary>The detailed report's largest page (NOTES §5.10).</summary>
    public const int ReportPageSize = 1000;

    private RequestPlan(IReadOnlyList<PlannedRequest> requests, string formula)
    {
        Requests = requests;
        Formula = formula;
    }

    public IReadOnlyList<PlannedRequest> Requests { get; }

    /// <summary>How the count is made, with its terms, for the report's definitions.</summary>
    public string Formula { get; }

    /// <summary>
    /// The per-user source: the /workspaces calls the tap made, the users pages and every user's
    /// time-entry pages (at least one each, to learn it is empty).
    /// </summary>
    public static RequestPlan PerUser(EmulatorDataset dataset, int entriesPerUser, DateTimeOffset startDate,
        int pageSize, int workspaceListCalls)
    {
        var workspace = dataset.Workspaces[0];
        var userIds = workspace.Users.Select(u => (string)u["id"]!).ToList();
        var requests = WorkspaceCalls(workspaceListCalls);
        var userPages = UserPages(workspace.Id, userIds.Count, pageSize, requests);
        var window = $"start={Uri.EscapeDataString(Format(startDate.AddSeconds(-1)))}&end={Uri.EscapeDataString(Format(DateTimeOffset.UtcNow))}";
        var entryPages = Math.Max(1, (entriesPerUser + pageSize - 1) / pageSize);
        foreach (var userId in userIds)
        {
            for (var page = 1; page <= entryPages; page++)
            {
                requests.Add(new PlannedRequest($"{Api}/workspaces/{workspace.Id}/user/{userId}/time-entries?{window}&page={page}&page-size={pageSize}", null));
            }
        }
        return new RequestPlan(requests,
            $"/workspaces calls made ({workspaceListCalls}) + ceil(users / page_size) ({userPages})\n"
            + $"                  + users x max(1, ceil(entries per user / page_size)) ({userIds.Count} x {entryPages}) = {requests.Count}");
    }

    /// <summary>
    /// The detailed report: the /workspaces calls and users pages the per-user source needs too, one
    /// page of the workspace's running timers, and each report window's pages of 1000 up to the first
    /// that is not full (one more when a window holds an exact multiple), as <see cref="ReportWindowsAsync"/> counted them.
    /// </summary>
    public static RequestPlan DetailedReport(EmulatorDataset dataset, IReadOnlyList<ReportWindow> windows, int windowDays, int pageSize, int workspaceListCalls)
    {
        var workspace = dataset.Workspaces[0];
        var requests = WorkspaceCalls(workspaceListCalls);
        var userPages = UserPages(workspace.Id, workspace.Users.Count, pageSize, requests);
        requests.Add(new PlannedRequest($"{Api}/workspaces/{workspace.Id}/time-entries/status/in-progress?page=1&page-size={ReportPageSize}", null));
        var reportPath = ReportPath(dataset);
        foreach (var window in windows)
        {
            for (var page = 1; page <= window.Pages; page++) requests.Add(new PlannedRequest(reportPath, ReportBody(window.From, window.To, page, ReportPageSize, calculateTotals: false)));
        }
        return new RequestPlan(requests,
            $"/workspaces calls made ({workspaceListCalls}) + ceil(users / page_size) ({userPages}) + running timers (1)\n"
            + $"                  + per {windowDays}-day window, floor(entries / {ReportPageSize}) + 1 report pages ({windows.Count} windows, {windows.Sum(w => w.Pages)} pages) = {requests.Count}");
    }

    /// <summary>
    /// Each report window's entry count, asked of <paramref name="counter"/>, an emulator on the same
    /// dataset without limits, through the report's totals. Asked before the tap runs: the first report
    /// request builds the emulator's index of the dataset's entries, kept with the dataset, so the tap
    /// finds it built as the do-nothing client does.
    /// </summary>
    public static async Task<IReadOnlyList<ReportWindow>> ReportWindowsAsync(ClockifyEmulator counter, EmulatorDataset dataset, DateTimeOffset startDate, int windowDays)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", EmulatorDataset.AdminApiKey);
        var now = DateTimeOffset.UtcNow;
        var windows = new List<ReportWindow>();
        for (var from = startDate; from < now; from += TimeSpan.FromDays(windowDays))
        {
            var to = from + TimeSpan.FromDays(windowDays) < now ? from + TimeSpan.FromDays(windowDays) : now;
            var counted = await http.PostAsync(counter.BaseUrl + ReportPath(dataset),
                new StringContent(ReportBody(from, to, 1, 1, calculateTotals: true), System.Text.Encoding.UTF8, "application/json"));
            counted.EnsureSuccessStatusCode();
            var totals = (JArray)JObject.Parse(await counted.Content.ReadAsStringAsync())["totals"]!;
            var entries = totals.Count == 0 ? 0 : (int)totals[0]["entriesCount"]!;
            windows.Add(new ReportWindow(from, to, entries / ReportPageSize + 1));
        }
        return windows;
    }

    private static string ReportPath(EmulatorDataset dataset) => $"{Reports}/workspaces/{dataset.Workspaces[0].Id}/reports/detailed";

    /// <summary>The tap's report body (DetailedReportTimeEntrySource): the range's end is inclusive, so it stops a millisecond short.</summary>
    private static string ReportBody(DateTimeOffset start, DateTimeOffset end, int page, int pageSize, bool calculateTotals) => new JObject
    {
        ["dateRangeStart"] = ReportFormat(start),
        ["dateRangeEnd"] = ReportFormat(end.AddMilliseconds(-1)),
        ["timeZone"] = "Etc/UTC",
        ["exportType"] = "JSON",
        ["amountShown"] = "EARNED",
        ["sortOrder"] = "ASCENDING",
        ["users"] = new JObject { ["ids"] = new JArray(), ["contains"] = "CONTAINS", ["status"] = "ALL" },
        ["detailedFilter"] = new JObject
        {
            ["page"] = page,
            ["pageSize"] = pageSize,
            ["sortColumn"] = "DATE",
            ["options"] = new JObject { ["totals"] = calculateTotals ? "CALCULATE" : "EXCLUDE" },
        },
    }.ToString(Newtonsoft.Json.Formatting.None);

    private const string Api = "/api/v1", Reports = "/report/v1";

    private static List<PlannedRequest> WorkspaceCalls(int count) =>
        Enumerable.Range(0, count).Select(_ => new PlannedRequest($"{Api}/workspaces", null)).ToList();

    private static int UserPages(string workspaceId, int users, int pageSize, List<PlannedRequest> into)
    {
        var pages = Math.Max(1, (users + pageSize - 1) / pageSize);
        for (var page = 1; page <= pages; page++)
        {
            into.Add(new PlannedRequest($"{Api}/workspaces/{workspaceId}/users?status=ALL&memberships=ALL&page={page}&page-size={pageSize}", null));
        }
        return pages;
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ReportFormat(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

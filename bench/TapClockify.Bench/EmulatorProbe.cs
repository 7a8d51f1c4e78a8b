using System.Diagnostics;
using Clockify.Emulator;

namespace TapClockify.Bench;

/// <summary>How fast the emulator serves full time-entry pages with no latency and no rate limit.</summary>
/// <param name="MsPerPage">Median wall time of one page, request to last byte, one request at a time.</param>
/// <param name="ParallelPagesPerSecond">Pages per second with several requests in flight at once:
/// the emulator writes bodies after releasing its dataset lock, so pages of several requests are
/// written at the same time, as far as the cores allow.</param>
public sealed record ProbeResult(int Pages, int EntriesPerPage, double MsPerPage, double BytesPerPage, double ParallelPagesPerSecond, int ParallelRequests)
{
    public double EntriesPerSecond => EntriesPerPage * 1000.0 / MsPerPage;
    public double MegabytesPerSecond => BytesPerPage / 1e6 * 1000.0 / MsPerPage;
    public double ParallelEntriesPerSecond => EntriesPerPage * ParallelPagesPerSecond;
}

/// <summary>
/// Fetches time-entry pages from a second emulator on the same dataset, without latency or rate
/// limit, before the tap runs (so nothing competes for the CPU): it tells whether serving can
/// keep up with the request rate asked for, and warms the emulator's code for the tap.
/// </summary>
public static class EmulatorProbe
{
    public static async Task<ProbeResult?> RunAsync(EmulatorDataset dataset, int entriesPerUser, DateTimeOffset startDate, int pages, int pageSize, int parallel)
    {
        var workspace = dataset.Workspaces[0];
        var userIds = workspace.Users.Select(u => (string)u["id"]!).ToList();
        if (pages == 0 || userIds.Count == 0 || entriesPerUser == 0) return null;

        await using var emulator = await ClockifyEmulator.StartAsync(dataset, new EmulatorOptions());
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", EmulatorDataset.AdminApiKey);
        // The tap's query: entries started from start_date (less a second) to the sync's start.
        var window = $"start={Uri.EscapeDataString(Format(startDate.AddSeconds(-1)))}&end={Uri.EscapeDataString(Format(DateTimeOffset.UtcNow))}";
        string PageUrl(int i) =>
            $"{emulator.ApiUrl}/workspaces/{workspace.Id}/user/{userIds[i % userIds.Count]}/time-entries?{window}&page=1&page-size={pageSize}";

        // Warm up (JIT, connection), then one page at a time. The lists the tap asks for before any
        // entries are warmed too: the do-nothing client, run later in this process, never pays their
        // first calls, so the tap should not either.
        await FetchAsync(http, $"{emulator.ApiUrl}/workspaces");
        await FetchAsync(http, $"{emulator.ApiUrl}/workspaces/{workspace.Id}/users?page=1&page-size=1");
        await FetchAsync(http, PageUrl(0));
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < pages; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes += await FetchAsync(http, PageUrl(i));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];

        // Several in flight at once.
        var parallelWatch = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pages) await FetchAsync(http, PageUrl(i));
        }));
        await Task.WhenAll(workers);
        var parallelRate = pages / parallelWatch.Elapsed.TotalSeconds;

        return new ProbeResult(pages, Math.Min(pageSize, entriesPerUser), median, (double)bytes / pages, parallelRate, parallel);
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> FetchAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }
}

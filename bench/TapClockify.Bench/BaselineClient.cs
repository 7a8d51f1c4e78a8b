using System.Diagnostics;
using Clockify.Emulator;

namespace TapClockify.Bench;

/// <summary>What the do-nothing client achieved.</summary>
public sealed record BaselineResult(int Requests, TimeSpan Wall, int TooManyRequests, long Bytes, int InFlight)
{
    public double FloorSeconds(int rate) => (double)Requests / rate;
}

/// <summary>
/// The harness's own ceiling: a client that makes the fewest requests a sync needs (the same
/// /workspaces calls, the users pages, every user's time-entry pages), paced at the rate with the
/// same requests in flight, and only reads and discards the bodies, against a fresh emulator with
/// the same latency and rate limit. Its wall over its floor is the best any tap could show on this
/// machine: if it is above the target, the emulator or the machine is the limit, not the tap.
/// </summary>
public static class BaselineClient
{
    public static async Task<BaselineResult> RunAsync(EmulatorDataset dataset, int entriesPerUser, DateTimeOffset startDate,
        int rate, TimeSpan latency, int inFlight, int pageSize, int workspaceListCalls)
    {
        var workspace = dataset.Workspaces[0];
        var userIds = workspace.Users.Select(u => (string)u["id"]!).ToList();
        await using var emulator = await ClockifyEmulator.StartAsync(dataset, new EmulatorOptions { RateLimitPerSecond = rate, Latency = latency });

        var api = emulator.ApiUrl;
        var window = $"start={Uri.EscapeDataString(Format(startDate.AddSeconds(-1)))}&end={Uri.EscapeDataString(Format(DateTimeOffset.UtcNow))}";
        var urls = new List<string>();
        for (var i = 0; i < workspaceListCalls; i++) urls.Add($"{api}/workspaces");
        var userPages = Math.Max(1, (userIds.Count + pageSize - 1) / pageSize);
        for (var page = 1; page <= userPages; page++)
        {
            urls.Add($"{api}/workspaces/{workspace.Id}/users?status=ALL&memberships=ALL&page={page}&page-size={pageSize}");
        }
        var entryPages = Math.Max(1, (entriesPerUser + pageSize - 1) / pageSize);
        foreach (var userId in userIds)
        {
            for (var page = 1; page <= entryPages; page++)
            {
                urls.Add($"{api}/workspaces/{workspace.Id}/user/{userId}/time-entries?{window}&page={page}&page-size={pageSize}");
            }
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = inFlight }) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", EmulatorDataset.AdminApiKey);
        var interval = Stopwatch.Frequency / (double)rate;
        var started = Stopwatch.GetTimestamp();
        long slot = -1, next = -1, tooMany = 0, bytes = 0;

        // Each attempt takes the next start slot, 1/rate apart, so the pace never exceeds the rate.
        async Task WaitForSlotAsync()
        {
            var at = started + (long)(Interlocked.Increment(ref slot) * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }

        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[1 << 16];
            int index;
            while ((index = (int)Interlocked.Increment(ref next)) < urls.Count)
            {
                while (true)
                {
                    await WaitForSlotAsync();
                    using var response = await http.GetAsync(urls[index], HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0) Interlocked.Add(ref bytes, read);
                    if ((int)response.StatusCode != 429) break;
                    Interlocked.Increment(ref tooMany);
                }
            }
        }));
        await Task.WhenAll(workers);
        return new BaselineResult(urls.Count, Stopwatch.GetElapsedTime(started), (int)tooMany, bytes, inFlight);
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

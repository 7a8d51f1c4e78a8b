using System.Diagnostics;
using Clockify.Emulator;

namespace TapClockify.Bench;

/// <summary>What the do-nothing client achieved.</summary>
public sealed record BaselineResult(int Requests, TimeSpan Wall, int TooManyRequests, long Bytes, int InFlight)
{
    public double FloorSeconds(int rate) => (double)Requests / rate;
}

/// <summary>
/// The harness's own ceiling: a client that makes the fewest requests a sync needs
/// (<see cref="RequestPlan"/>), paced at the rate with the same requests in flight, and only reads
/// and discards the bodies, against a fresh emulator with the same latency and rate limit. Its wall
/// over its floor is the best any tap could show on this machine: if it is above the target, the
/// emulator or the machine is the limit, not the tap.
/// </summary>
public static class BaselineClient
{
    public static async Task<BaselineResult> RunAsync(EmulatorDataset dataset, RequestPlan plan, int rate, TimeSpan latency, int inFlight)
    {
        await using var emulator = await ClockifyEmulator.StartAsync(dataset, new EmulatorOptions { RateLimitPerSecond = rate, Latency = latency });
        var requests = plan.Requests;

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
            while ((index = (int)Interlocked.Increment(ref next)) < requests.Count)
            {
                var planned = requests[index];
                while (true)
                {
                    await WaitForSlotAsync();
                    using var request = new HttpRequestMessage(planned.Body is null ? HttpMethod.Get : HttpMethod.Post, emulator.BaseUrl + planned.Path);
                    if (planned.Body is not null) request.Content = new StringContent(planned.Body, System.Text.Encoding.UTF8, "application/json");
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0) Interlocked.Add(ref bytes, read);
                    if ((int)response.StatusCode != 429) break;
                    Interlocked.Increment(ref tooMany);
                }
            }
        }));
        await Task.WhenAll(workers);
        return new BaselineResult(requests.Count, Stopwatch.GetElapsedTime(started), (int)tooMany, bytes, inFlight);
    }
}

using Clockify.Emulator;

// Standalone run: dotnet run --project tests/Clockify.Emulator -- --port 5055
//   [--dataset default|large] [--users N] [--entries-per-user M] [--rate-limit N] [--latency-ms M]
var port = 5055;
var options = new EmulatorOptions();
var datasetName = "default";
var users = 200;
var entriesPerUser = 5000;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1]); break;
        case "--dataset": datasetName = args[i + 1]; break;
        case "--users": users = int.Parse(args[i + 1]); break;
        case "--entries-per-user": entriesPerUser = int.Parse(args[i + 1]); break;
        case "--rate-limit": options.RateLimitPerSecond = int.Parse(args[i + 1]); break;
        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(int.Parse(args[i + 1])); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var dataset = datasetName switch
{
    "default" => EmulatorDataset.CreateDefault(),
    "large" => EmulatorDataset.CreateLarge(users, entriesPerUser),
    _ => throw new ArgumentException($"unknown dataset '{datasetName}' (use default or large)"),
};
await using var emulator = await ClockifyEmulator.StartAsync(dataset, options, port);
Console.WriteLine($"api_url={emulator.ApiUrl}");
Console.WriteLine($"reports_url={emulator.ReportsUrl}");
Console.WriteLine($"api_key={EmulatorDataset.AdminApiKey}");
Console.WriteLine($"member_api_key={EmulatorDataset.MemberApiKey}");
Console.WriteLine("Clockify emulator running; Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopped.TrySetResult();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stopped.TrySetResult();
});
await stopped.Task;
return 0;

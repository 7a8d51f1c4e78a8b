using Clockify.Emulator;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>An emulator of the default dataset, shared by tests that only read from it.</summary>
public sealed class EmulatorFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public ClockifyEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await StartOnSharedDataAsync();

    private static readonly Lazy<EmulatorDataset> SharedData = new(() => EmulatorDataset.CreateDefault());

    /// <summary>
    /// The default dataset, built once per test process (about 40 ms of CPU a build) and served by
    /// every emulator of <see cref="StartOnSharedDataAsync"/>: nothing may change it. A test that
    /// changes data builds its own with <see cref="EmulatorDataset.CreateDefault"/>.
    /// </summary>
    public static EmulatorDataset SharedDefaultData => SharedData.Value;

    /// <summary>An emulator of its own (options, request log) serving <see cref="SharedDefaultData"/>.</summary>
    public static Task<ClockifyEmulator> StartOnSharedDataAsync(EmulatorOptions? options = null) =>
        ClockifyEmulator.StartAsync(SharedDefaultData, options);

    private static readonly Lazy<Task<DefaultSync>> SharedSync = new(DefaultSync.RunAsync);

    /// <summary>
    /// A sync with <see cref="Config"/> as it is, run once per test process on an emulator that serves
    /// nothing else, and shared by the tests that only read its output or its requests: the data never
    /// changes, so every such run would write the same records and make the same requests.
    /// </summary>
    public static Task<DefaultSync> DefaultSyncAsync() => SharedSync.Value;

    public Task DisposeAsync() => Emulator.DisposeAsync().AsTask();

    async ValueTask IAsyncDisposable.DisposeAsync() => await Emulator.DisposeAsync();

    public static JObject ConfigFor(ClockifyEmulator emulator, string apiKey = EmulatorDataset.AdminApiKey, JObject? extra = null)
    {
        var config = new JObject
        {
            ["api_key"] = apiKey,
            ["api_url"] = emulator.ApiUrl,
            ["reports_url"] = emulator.ReportsUrl,
            ["max_requests_per_second"] = 1000,
        };
        if (extra is not null) config.Merge(extra);
        return config;
    }

    public JObject Config(string apiKey = EmulatorDataset.AdminApiKey, JObject? extra = null) => ConfigFor(Emulator, apiKey, extra);

    /// <summary>The run of <see cref="DefaultSyncAsync"/>.</summary>
    public static async Task<TapRun> DefaultRunAsync() => (await DefaultSyncAsync()).Run;
}

/// <summary>
/// The shared default sync and the emulator it ran on. The emulator lives as long as the test process:
/// its request log holds exactly the run's requests.
/// </summary>
public sealed record DefaultSync(TapRun Run, ClockifyEmulator Emulator)
{
    internal static async Task<DefaultSync> RunAsync()
    {
        var emulator = await EmulatorFixture.StartOnSharedDataAsync();
        var run = await TapRun.WithConfigAsync(EmulatorFixture.ConfigFor(emulator));
        // Parsed here, once, rather than by whichever test class reads it first.
        _ = run.Messages;
        return new DefaultSync(run, emulator);
    }
}

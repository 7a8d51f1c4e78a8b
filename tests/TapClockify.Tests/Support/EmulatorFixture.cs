using Clockify.Emulator;
using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>An emulator of the default dataset, shared by tests that only read from it.</summary>
public sealed class EmulatorFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public ClockifyEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault());

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

    private Task<TapRun>? _defaultRun;

    /// <summary>
    /// A sync with <see cref="Config"/> as it is, run on first use and shared by the tests that need
    /// nothing else: the emulator only serves reads, so every such run would write the same records.
    /// </summary>
    public Task<TapRun> DefaultRunAsync() => LazyInitializer.EnsureInitialized(ref _defaultRun, () => TapRun.WithConfigAsync(Config()));
}

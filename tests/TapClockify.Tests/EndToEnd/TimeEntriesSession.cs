using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;

namespace TapClockify.Tests.EndToEnd;

/// <summary>
/// A sequence of tap runs against one emulator whose data sits around the real present, each run
/// fed the last STATE of the one before, as a scheduler runs the tap.
/// </summary>
public sealed class TimeEntriesSession : IAsyncDisposable
{
    private readonly TempFolder _folder = TempFolder.Create();

    private TimeEntriesSession(ClockifyEmulator emulator) => Emulator = emulator;

    public ClockifyEmulator Emulator { get; }
    public EmulatorDataset Data => Emulator.Data;
    public DateTimeOffset Now => Data.Now;
    public JObject? LastState { get; private set; }
    public JObject ExtraConfig { get; } = new();

    /// <summary>One clock for every run; null gives each run its own, as <see cref="TapRun.StartAsync"/> chooses.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>The streams each run selects.</summary>
    public string[] SelectedStreams { get; set; } = ["time_entries", "time_entries_tags"];

    public static async Task<TimeEntriesSession> StartAsync() =>
        new(await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow)));

    /// <summary>
    /// A second session against this one's emulator, with its own config and state, for runs that
    /// read the same data another way. Disposing this session stops the emulator for both.
    /// </summary>
    public TimeEntriesSession OnSameEmulator() => new(Emulator);

    public IReadOnlyList<EmulatorWorkspace> AdministeredWorkspaces
    {
        get
        {
            var adminId = Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
            return Data.Workspaces.Where(w => w.IsAdministrator(adminId)).ToList();
        }
    }

    public IEnumerable<JObject> AllEntries => AdministeredWorkspaces.SelectMany(w => w.TimeEntries);

    public static DateTimeOffset StartOf(JObject entry) => DateTimeOffset.Parse(entry["timeInterval"]!["start"]!.ToString());

    /// <summary>Runs the tap once with <see cref="SelectedStreams"/> selected.</summary>
    public async Task<TapRun> RunAsync(JObject? state = null)
    {
        var config = EmulatorFixture.ConfigFor(Emulator, extra: ExtraConfig);
        var arguments = new List<string>
        {
            "--config", _folder.Write("config.json", config.ToString()),
            "--catalog", _folder.Write("catalog.json", Catalogs.Selecting(SelectedStreams).ToString()),
        };
        state ??= LastState;
        if (state is not null) arguments.AddRange(["--state", _folder.Write("state.json", state.ToString())]);

        var run = await TapRun.StartAsync(arguments, clock: Clock);
        if (run.ExitCode == 0) LastState = run.Messages.States[^1];
        return run;
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}

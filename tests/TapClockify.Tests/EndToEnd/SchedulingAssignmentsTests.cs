using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>Scheduling assignments read in date windows that reach into the future, against data laid out around the real present.</summary>
public class SchedulingAssignmentsTests
{
    private static async Task<TapRun> RunAsync(ClockifyEmulator emulator, TempFolder folder, JObject? state = null)
    {
        var config = EmulatorFixture.ConfigFor(emulator, extra: new JObject
        {
            ["start_date"] = DateTimeOffset.UtcNow.AddDays(-400).ToString("O"),
            ["page_size"] = 2,
        });
        var arguments = new List<string>
        {
            "--config", folder.Write("config.json", config.ToString()),
            "--catalog", folder.Write("catalog.json", Catalogs.Selecting("scheduling_assignments").ToString()),
        };
        if (state is not null) arguments.AddRange(["--state", folder.Write("state.json", state.ToString())]);
        return await TapRun.StartAsync(arguments);
    }

    private static IReadOnlyList<EmulatorWorkspace> Scheduling(ClockifyEmulator emulator)
    {
        var adminId = emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        return emulator.Data.Workspaces.Where(w => w.IsAdministrator(adminId) && w.HasFeature("SCHEDULING")).ToList();
    }

    [Fact]
    public async Task Every_assignment_past_and_future_comes_once_with_the_emulators_values_and_a_bookmark_per_workspace()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        var run = await RunAsync(emulator, TempFolder.Create());

        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = Scheduling(emulator).SelectMany(w => w.Assignments).ToList();
        Assert.Contains(expected, a => DateTimeOffset.Parse(a["period"]!["start"]!.ToString()) > DateTimeOffset.UtcNow.AddDays(60));
        Assert.Contains(expected, a => DateTimeOffset.Parse(a["period"]!["end"]!.ToString()) - DateTimeOffset.Parse(a["period"]!["start"]!.ToString()) > TimeSpan.FromDays(31));
        var records = run.Messages.Records("scheduling_assignments");
        Assert.Equal(expected.Count, records.Count);
        var schema = StreamRegistry.Get("scheduling_assignments").Schema;
        foreach (var assignment in expected)
        {
            var record = Assert.Single(records, r => r["id"]!.ToString() == assignment["id"]!.ToString());
            foreach (var (column, paths) in ContractPaths.Streams["scheduling_assignments"])
            {
                Assert.Null(ExpectedValues.Mismatch(ExpectedValues.At(assignment, paths), record[column]!, (JObject)schema["properties"]![column]!));
            }
        }
        var partitions = (JArray)run.Messages.States[^1]["bookmarks"]!["scheduling_assignments"]!["partitions"]!;
        Assert.Equal(Scheduling(emulator).Select(w => w.Id).Order(), partitions.Select(p => p["context"]!["workspace_id"]!.ToString()).Order());
    }

    [Fact]
    public async Task The_next_sync_reads_from_its_bookmark_less_the_lookback_so_older_assignments_are_not_read_again()
    {
        await using var emulator = await ClockifyEmulator.StartAsync(EmulatorDataset.CreateDefault(DateTimeOffset.UtcNow));
        var folder = TempFolder.Create();
        var first = await RunAsync(emulator, folder);
        Assert.True(first.ExitCode == 0, first.Stderr);

        var second = await RunAsync(emulator, folder, first.Messages.States[^1]);

        Assert.True(second.ExitCode == 0, second.Stderr);
        var since = DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(-5);
        var expected = Scheduling(emulator).SelectMany(w => w.Assignments)
            .Where(a => DateTimeOffset.Parse(a["period"]!["end"]!.ToString()) >= since.AddMinutes(10))
            .Select(a => a["id"]!.ToString()).ToHashSet();
        var reread = second.Messages.Records("scheduling_assignments").Select(r => r["id"]!.ToString()).ToHashSet();
        Assert.Superset(expected, reread);
        Assert.True(reread.Count < first.Messages.Records("scheduling_assignments").Count, "an assignment that ended before the lookback is read again");
    }
}

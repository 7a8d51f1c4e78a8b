using Xunit;

namespace TapClockify.Tests.Support;

/// <summary>
/// The emulator's smoke script, for people who run the emulator by hand, passes against it: run
/// here so that a change of the default dataset cannot leave it stale unnoticed, as it once did.
/// </summary>
public class EmulatorSelfCheckTests
{
    [Fact]
    public async Task The_emulators_selfcheck_script_passes_against_the_default_dataset()
    {
        await using var emulator = await EmulatorFixture.StartOnSharedDataAsync();

        var output = await Command.RunOrFailAsync(Command.Python3,
            Command.StandardLibraryOnly(RepoPaths.Of("tests", "Clockify.Emulator", "scripts", "selfcheck.py"), emulator.BaseUrl), RepoPaths.Root);

        Assert.EndsWith("all checks passed", output.TrimEnd());
    }
}

using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>
/// scripts/package.sh for this machine's runtime, run once: its archive and its wheel, installed as a
/// user without .NET would, give a tap-clockify that answers --about, --discover and a sync.
/// </summary>
public sealed class PackagedTap : IAsyncLifetime
{
    public static string Rid { get; } =
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    public static string Version => VersionTests.ProjectVersion;

    public static string CommandName { get; } = OperatingSystem.IsWindows() ? "tap-clockify.exe" : "tap-clockify";

    public TempFolder Work { get; } = TempFolder.Create();

    public string Artifacts => Path.Combine(Work.Path, "artifacts");

    public string PackageOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        PackageOutput = await Command.RunOrFailAsync("bash", [RepoPaths.Of("scripts", "package.sh"), Rid], RepoPaths.Root,
            new Dictionary<string, string?> { ["ARTIFACTS"] = Artifacts }, TimeSpan.FromMinutes(15));
    }

    /// <summary>The binaries, archive, wheel and virtual environments take a few hundred MB.</summary>
    public Task DisposeAsync()
    {
        Directory.Delete(Work.Path, recursive: true);
        return Task.CompletedTask;
    }
}

public class InstallWithoutDotnetTests(PackagedTap package, EmulatorFixture emulator)
    : IClassFixture<PackagedTap>, IClassFixture<EmulatorFixture>
{
    [Fact]
    public void The_script_names_the_archive_and_the_wheel_after_the_version_and_platform()
    {
        var files = Directory.GetFiles(package.Artifacts).Select(Path.GetFileName).ToList();
        var archive = PackagedTap.Rid.StartsWith("win-") ? ".zip" : ".tar.gz";

        Assert.Contains($"tap-clockify-{PackagedTap.Version}-{PackagedTap.Rid}{archive}", files);
        Assert.Single(files, f => f!.StartsWith($"tap_clockify-{PackagedTap.Version}-py3-none-") && f.EndsWith(".whl"));
        Assert.True(File.Exists(Path.Combine(package.Artifacts, "simple", "tap-clockify", "index.html")), package.PackageOutput);
    }

    [Fact]
    public async Task The_archives_binary_runs_about_discover_and_a_sync_with_no_dotnet_on_path()
    {
        var unpacked = package.Work.Path + "/unpacked-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(unpacked);
        await Command.RunOrFailAsync("tar", ["-xzf", Path.Combine(package.Artifacts, $"tap-clockify-{PackagedTap.Version}-{PackagedTap.Rid}.tar.gz"), "-C", unpacked], unpacked);
        var folder = Path.Combine(unpacked, $"tap-clockify-{PackagedTap.Version}-{PackagedTap.Rid}");

        Assert.Equal(["LICENSE", "README.md", PackagedTap.CommandName], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await AssertRunsWithoutDotnetAsync(Path.Combine(folder, PackagedTap.CommandName), searchPath: Path.Combine(unpacked, "empty-bin"));
    }

    [Fact]
    public async Task The_wheel_installs_from_the_package_index_into_a_fresh_venv_as_a_command_that_runs_with_no_dotnet()
    {
        var venv = Path.Combine(package.Work.Path, "venv-" + Guid.NewGuid().ToString("N"));
        await Command.RunOrFailAsync("python3", ["-m", "venv", venv], package.Work.Path);
        var bin = Path.Combine(venv, OperatingSystem.IsWindows() ? "Scripts" : "bin");
        // As Meltano's pip_url does, with the published index replaced by the one the script wrote.
        var install = await Command.RunOrFailAsync(Path.Combine(bin, "python"),
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-cache-dir", "--index-url", new Uri(Path.Combine(package.Artifacts, "simple") + "/").AbsoluteUri, "tap-clockify"],
            package.Work.Path);
        Assert.Contains($"Successfully installed tap-clockify-{PackagedTap.Version}", install);

        await AssertRunsWithoutDotnetAsync(Path.Combine(bin, PackagedTap.CommandName), searchPath: bin);
        var show = await Command.RunOrFailAsync(Path.Combine(bin, "python"), ["-m", "pip", "show", "tap-clockify"], package.Work.Path);
        Assert.Contains("License: Apache-2.0", show);
    }

    /// <summary>--about, --discover and a full sync, with PATH holding only <paramref name="searchPath"/> and no DOTNET_ variable.</summary>
    private async Task AssertRunsWithoutDotnetAsync(string command, string searchPath)
    {
        Directory.CreateDirectory(searchPath);
        Assert.False(File.Exists(Path.Combine(searchPath, "dotnet")));
        var environment = new Dictionary<string, string?> { ["PATH"] = searchPath };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("DOTNET_", StringComparison.Ordinal) || n.StartsWith("TAP_CLOCKIFY_", StringComparison.Ordinal)))
            environment[name] = null;
        var folder = TempFolder.Create();
        var config = folder.Write("config.json", emulator.Config().ToString());

        var about = JObject.Parse(await Command.RunOrFailAsync(command, ["--about"], folder.Path, environment));
        Assert.Equal("tap-clockify", about["name"]!.ToString());
        Assert.Equal(PackagedTap.Version, about["version"]!.ToString());

        var discover = await Command.RunOrFailAsync(command, ["--config", config, "--discover"], folder.Path, environment);
        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("catalog.example.json"))), JObject.Parse(discover), JToken.EqualityComparer);

        var sync = SingerOutput.Parse(await Command.RunOrFailAsync(command, ["--config", config], folder.Path, environment));
        var built = await TapRun.WithConfigAsync(emulator.Config());
        Assert.Equal(built.Messages.RecordCounts, sync.RecordCounts);
        Assert.NotEmpty(sync.Records("time_entries"));
        Assert.Equal("STATE", sync.All[^1]["type"]!.ToString());
    }
}

using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>
/// What scripts/package.sh made for this machine's platform. The test project's build runs the script
/// (target PackageTapForInstallTests, again only when something it packs changed), so the tests here
/// only install and run its archive and wheel, as a user without .NET would.
/// </summary>
public sealed class PackagedTap : IDisposable
{
    public static string Rid { get; } = BuildSettings.Of("PackagedTapRid");

    public static string Version => VersionTests.ProjectVersion;

    public static string CommandName { get; } = OperatingSystem.IsWindows() ? "tap-clockify.exe" : "tap-clockify";

    /// <summary>The script's output folder (its ARTIFACTS).</summary>
    public string Artifacts { get; } = BuildSettings.Of("PackagedTapFolder");

    /// <summary>Where the tests unpack and install; the archive and virtual environments take a few hundred MB.</summary>
    public TempFolder Work { get; } = TempFolder.Create();

    public PackagedTap()
    {
        Assert.True(Directory.Exists(Path.Combine(Artifacts, "simple")),
            $"{Artifacts} lacks the package index: the test project's build makes it (target PackageTapForInstallTests, which needs bash and python3)");
    }

    public void Dispose() => Directory.Delete(Work.Path, recursive: true);
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
        Assert.True(File.Exists(Path.Combine(package.Artifacts, "simple", "tap-clockify", "index.html")));
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
        // Without its own pip (copying one in costs seconds of CPU): the system's pip installs into it.
        await Command.RunOrFailAsync("python3", ["-m", "venv", "--without-pip", venv], package.Work.Path);
        var bin = Path.Combine(venv, OperatingSystem.IsWindows() ? "Scripts" : "bin");
        var python = Path.Combine(bin, "python");
        // As Meltano's pip_url does, with the published index replaced by the one the script wrote.
        var install = await Command.RunOrFailAsync("python3",
            ["-m", "pip", "--python", python, "install", "--disable-pip-version-check", "--no-cache-dir", "--index-url", new Uri(Path.Combine(package.Artifacts, "simple") + "/").AbsoluteUri, "tap-clockify"],
            package.Work.Path);
        Assert.Contains($"Successfully installed tap-clockify-{PackagedTap.Version}", install);

        await AssertRunsWithoutDotnetAsync(Path.Combine(bin, PackagedTap.CommandName), searchPath: bin);
        // The installed distribution's metadata, which pip show reads.
        var metadata = await Command.RunOrFailAsync(python, ["-c", "import importlib.metadata as m; print(m.distribution('tap-clockify').read_text('METADATA'))"], package.Work.Path);
        Assert.Contains("License: Apache-2.0", metadata);
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
        var built = await emulator.DefaultRunAsync();
        Assert.Equal(built.Messages.RecordCounts, sync.RecordCounts);
        Assert.NotEmpty(sync.Records("time_entries"));
        Assert.Equal("STATE", sync.All[^1]["type"]!.ToString());
    }
}

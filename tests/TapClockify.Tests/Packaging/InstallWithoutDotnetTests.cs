using System.IO.Compression;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>
/// What scripts/package.sh made for this machine's platform. The test project's build runs the script
/// (target PackageTapForInstallTests, again only when something it packs changed), so the tests here
/// only install and run its archive and wheels, as a user without .NET would.
/// </summary>
public sealed class PackagedTap : IDisposable
{
    public static string Rid { get; } = BuildSettings.Of("PackagedTapRid");

    public static string Version => VersionTests.ProjectVersion;

    public static string CommandName { get; } = OperatingSystem.IsWindows() ? "tap-clockify.exe" : "tap-clockify";

    /// <summary>The script's output folder (its ARTIFACTS).</summary>
    public string Artifacts { get; } = BuildSettings.Of("PackagedTapFolder");

    /// <summary>Where the tests unpack and install; the archive and virtual environments take tens of MB.</summary>
    public TempFolder Work { get; } = TempFolder.Create();

    public PackagedTap()
    {
        Assert.True(Directory.Exists(Path.Combine(Artifacts, "simple")),
            $"{Artifacts} lacks the package index: the test project's build makes it (target PackageTapForInstallTests, which needs bash and python3)");
    }

    /// <summary>The binary the archive carries, as the script left it under publish/.</summary>
    public string PublishedBinary => Path.Combine(Artifacts, "publish", Rid, CommandName);

    public IReadOnlyList<string> Wheels => Directory.GetFiles(Artifacts, $"tap_clockify-{Version}-py3-none-*.whl").Select(Path.GetFileName).ToList()!;

    public void Dispose() => Directory.Delete(Work.Path, recursive: true);

    /// <summary>--about, --discover and a full sync, with PATH holding only <paramref name="searchPath"/> and no DOTNET_ variable:
    /// the same catalog as the repository's example and the same records as the tap run in this test process.</summary>
    public static async Task AssertRunsWithoutDotnetAsync(string command, string searchPath, EmulatorFixture emulator)
    {
        var (environment, folder) = await AssertStartsWithoutDotnetAsync(command, searchPath);
        var config = folder.Write("config.json", emulator.Config().ToString());

        var discover = await Command.RunOrFailAsync(command, ["--config", config, "--discover"], folder.Path, environment);
        Assert.Equal(JObject.Parse(File.ReadAllText(RepoPaths.Of("catalog.example.json"))), JObject.Parse(discover), JToken.EqualityComparer);

        var sync = SingerOutput.Parse(await Command.RunOrFailAsync(command, ["--config", config], folder.Path, environment));
        var built = (await EmulatorFixture.DefaultRunAsync()).Messages;
        Assert.Equal(built.RecordCounts, sync.RecordCounts);
        Assert.NotEmpty(sync.Records("time_entries"));
        // Every value as the tap compiled here writes it: an ahead-of-time build must not differ in a byte.
        foreach (var stream in built.RecordCounts.Keys)
            Assert.Equal(Sorted(built.Records(stream)), Sorted(sync.Records(stream)));
        Assert.Equal("STATE", sync.All[^1]["type"]!.ToString());
    }

    /// <summary>--about, with PATH holding only <paramref name="searchPath"/> and no DOTNET_ variable: the tap's name and this version.</summary>
    /// <returns>That environment, and the folder the command ran in.</returns>
    public static async Task<(Dictionary<string, string?> Environment, TempFolder Folder)> AssertStartsWithoutDotnetAsync(string command, string searchPath)
    {
        Directory.CreateDirectory(searchPath);
        Assert.False(File.Exists(Path.Combine(searchPath, "dotnet")));
        var environment = WithoutDotnet(searchPath);
        var folder = TempFolder.Create();

        var about = JObject.Parse(await Command.RunOrFailAsync(command, ["--about"], folder.Path, environment));
        Assert.Equal("tap-clockify", about["name"]!.ToString());
        Assert.Equal(Version, about["version"]!.ToString());
        return (environment, folder);
    }

    public static Dictionary<string, string?> WithoutDotnet(string searchPath)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = searchPath };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("DOTNET_", StringComparison.Ordinal) || n.StartsWith("TAP_CLOCKIFY_", StringComparison.Ordinal)))
            environment[name] = null;
        return environment;
    }

    private static List<string> Sorted(IEnumerable<JObject> records) =>
        records.Select(r => r.ToString(Newtonsoft.Json.Formatting.None)).Order(StringComparer.Ordinal).ToList();
}

/// <summary>The archive: its name, its files, and its binary run on a machine without .NET.</summary>
public class ArchiveInstallTests(PackagedTap package, EmulatorFixture emulator)
    : IClassFixture<PackagedTap>, IClassFixture<EmulatorFixture>
{
    [Fact]
    public void The_script_names_the_archive_and_the_wheels_after_the_version_and_platform()
    {
        var files = Directory.GetFiles(package.Artifacts).Select(Path.GetFileName).ToList();
        var archive = PackagedTap.Rid.StartsWith("win-") ? ".zip" : ".tar.gz";

        Assert.Contains($"tap-clockify-{PackagedTap.Version}-{PackagedTap.Rid}{archive}", files);
        Assert.Equal(files.Where(f => f!.EndsWith(".whl")), package.Wheels);
        if (PackagedTap.Rid.StartsWith("linux-"))
        {
            // The glibc floor README's platform table promises, beside at most one build for newer glibc.
            Assert.Contains(package.Wheels, w => w.Contains("-manylinux_2_27_"));
            Assert.InRange(package.Wheels.Count, 1, 2);
        }
        else Assert.Single(package.Wheels);
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
        // The binary the script published, which the wheel pip picks carries too (WheelInstallTests).
        Assert.Equal(await File.ReadAllBytesAsync(package.PublishedBinary), await File.ReadAllBytesAsync(Path.Combine(folder, PackagedTap.CommandName)));
        await PackagedTap.AssertRunsWithoutDotnetAsync(Path.Combine(folder, PackagedTap.CommandName), Path.Combine(unpacked, "empty-bin"), emulator);
    }

    [Theory]
    [InlineData("{missing}")]
    [InlineData("{ not json")]
    [InlineData("{\"start_date\": \"2024-01-01T00:00:00Z\"}")]
    [InlineData("{wrong key}")]
    public async Task The_archives_binary_fails_bad_input_with_the_exit_code_and_error_line_of_the_tap_built_here(string config)
    {
        var folder = TempFolder.Create();
        var configPath = config switch
        {
            "{missing}" => Path.Combine(folder.Path, "config.json"),
            "{wrong key}" => folder.Write("config.json", emulator.Config(apiKey: "not-a-key").ToString()),
            _ => folder.Write("config.json", config),
        };
        var expected = await TapRun.StartAsync(["--config", configPath]);

        var run = await Command.RunAsync(package.PublishedBinary, ["--config", configPath], folder.Path, PackagedTap.WithoutDotnet(folder.Path));

        Assert.NotEqual(0, expected.ExitCode);
        Assert.Equal(expected.ExitCode, run.ExitCode);
        Assert.Equal(expected.Stdout, run.Stdout);
        // The error line, after its timestamp.
        static string ErrorOf(string line) => line[(line.IndexOf(' ') + 1)..];
        Assert.Equal(ErrorOf(expected.StderrLines[^1]), ErrorOf(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]));
    }
}

/// <summary>The wheels: pip's choice from the package index, and the build for the oldest glibc.</summary>
public class WheelInstallTests(PackagedTap package, EmulatorFixture emulator)
    : IClassFixture<PackagedTap>, IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_wheel_installs_from_the_package_index_into_a_fresh_venv_as_a_command_that_runs_with_no_dotnet()
    {
        var venv = Path.Combine(package.Work.Path, "venv-" + Guid.NewGuid().ToString("N"));
        // Without its own pip (copying one in costs seconds of CPU): the system's pip, which the venv
        // sees through the system site-packages, installs into it, as the venv's own would.
        await Command.RunOrFailAsync(Command.Python3, Command.StandardLibraryOnly("-m", "venv", "--without-pip", "--system-site-packages", venv), package.Work.Path);
        var bin = Path.Combine(venv, OperatingSystem.IsWindows() ? "Scripts" : "bin");
        var python = Path.Combine(bin, "python");
        // As Meltano's pip_url does, with the published index replaced by the one the script wrote.
        // --no-deps spares pip's resolver (0.8 s of CPU): the wheel declares no dependency, which the
        // metadata check below asserts, so the resolver would have nothing to add.
        var install = await Command.RunOrFailAsync(python,
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-cache-dir", "--no-deps", "--index-url", new Uri(Path.Combine(package.Artifacts, "simple") + "/").AbsoluteUri, "tap-clockify"],
            package.Work.Path);
        Assert.Contains($"Successfully installed tap-clockify-{PackagedTap.Version}", install);

        // pip picks the newest build this machine's glibc accepts: the one built here, which the archive
        // carries too, byte for byte; its discover and sync without dotnet are ArchiveInstallTests'. Here
        // the installed command starts from the venv's bin with no dotnet on PATH.
        Assert.Equal(await File.ReadAllBytesAsync(package.PublishedBinary), await File.ReadAllBytesAsync(Path.Combine(bin, PackagedTap.CommandName)));
        await PackagedTap.AssertStartsWithoutDotnetAsync(Path.Combine(bin, PackagedTap.CommandName), bin);
        // The installed distribution's metadata, which pip show reads.
        var metadata = await Command.RunOrFailAsync(python, ["-c", "import importlib.metadata as m; print(m.distribution('tap-clockify').read_text('METADATA'))"], package.Work.Path);
        Assert.Contains("License: Apache-2.0", metadata);
        Assert.DoesNotContain("Requires-Dist:", metadata);
    }

    [Fact]
    public async Task The_wheel_for_the_oldest_glibc_carries_a_binary_that_runs_with_no_dotnet()
    {
        if (!OperatingSystem.IsLinux()) return; // the only platform with a second build (see scripts/package.sh)
        var wheel = Path.Combine(package.Artifacts, package.Wheels.Single(w => w.Contains("-manylinux_2_27_")));
        var folder = Path.Combine(package.Work.Path, "oldest-glibc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var command = Path.Combine(folder, PackagedTap.CommandName);
        using (var archive = ZipFile.OpenRead(wheel))
            archive.GetEntry($"tap_clockify-{PackagedTap.Version}.data/scripts/{PackagedTap.CommandName}")!.ExtractToFile(command);
        File.SetUnixFileMode(command, File.GetUnixFileMode(command) | UnixFileMode.UserExecute);

        await PackagedTap.AssertRunsWithoutDotnetAsync(command, Path.Combine(folder, "empty-bin"), emulator);
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>scripts/build_wheel.py on a small stand-in binary: the wheel's layout, names and RECORD.</summary>
public class WheelBuilderTests
{
    [Fact]
    public async Task A_wheel_records_every_file_with_its_hash_and_size_and_keeps_the_command_executable()
    {
        var folder = TempFolder.Create();
        var binary = folder.Write("tap-clockify", "#!/bin/sh\necho stand-in\n");

        var wheel = (await BuildAsync(folder, binary, "linux-x64", "1.2.3")).Trim();

        Assert.Equal("tap_clockify-1.2.3-py3-none-manylinux_2_27_x86_64.whl", Path.GetFileName(wheel));
        using var archive = ZipFile.OpenRead(wheel);
        var command = archive.GetEntry("tap_clockify-1.2.3.data/scripts/tap-clockify")!;
        Assert.Equal(0b111_101_101, (command.ExternalAttributes >> 16) & 0b111_111_111);
        Assert.Contains("Tag: py3-none-manylinux_2_27_x86_64\n", Read(archive, "tap_clockify-1.2.3.dist-info/WHEEL"));
        Assert.Contains("Name: tap-clockify\nVersion: 1.2.3\n", Read(archive, "tap_clockify-1.2.3.dist-info/METADATA"));
        var record = Read(archive, "tap_clockify-1.2.3.dist-info/RECORD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(archive.Entries.Select(e => e.FullName).Order(), record.Select(l => l.Split(',')[0]).Order());
        foreach (var line in record.Where(l => !l.StartsWith("tap_clockify-1.2.3.dist-info/RECORD,", StringComparison.Ordinal)))
        {
            var (name, hash, size) = (line.Split(',')[0], line.Split(',')[1], line.Split(',')[2]);
            using var content = new MemoryStream();
            await using (var entry = archive.GetEntry(name)!.Open()) await entry.CopyToAsync(content);
            Assert.Equal("sha256=" + Convert.ToBase64String(SHA256.HashData(content.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_'), hash);
            Assert.Equal(content.Length.ToString(), size);
        }
    }

    [Theory]
    [InlineData("win-x64", "2.0.0-rc.1", "tap_clockify-2.0.0rc1-py3-none-win_amd64.whl", "tap_clockify-2.0.0rc1.data/scripts/tap-clockify.exe")]
    [InlineData("osx-arm64", "0.3.0-beta.2", "tap_clockify-0.3.0b2-py3-none-macosx_12_0_arm64.whl", "tap_clockify-0.3.0b2.data/scripts/tap-clockify")]
    public async Task A_semver_pre_release_becomes_the_python_version_pip_orders(string rid, string version, string wheelName, string command)
    {
        var folder = TempFolder.Create();
        var binary = folder.Write("stand-in", "binary");

        var wheel = (await BuildAsync(folder, binary, rid, version)).Trim();

        Assert.Equal(wheelName, Path.GetFileName(wheel));
        using var archive = ZipFile.OpenRead(wheel);
        Assert.NotNull(archive.GetEntry(command));
    }

    private static Task<string> BuildAsync(TempFolder folder, string binary, string rid, string version) =>
        Command.RunOrFailAsync("python3", [RepoPaths.Of("scripts", "build_wheel.py"), "wheel", "--binary", binary, "--rid", rid, "--version", version,
            "--readme", RepoPaths.Of("README.md"), "--license", RepoPaths.Of("LICENSE"), "--out", Path.Combine(folder.Path, "out")], folder.Path);

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Packaging;

/// <summary>scripts/build_wheel.py on small stand-in binaries: the wheel's layout, names, platform tag and RECORD.</summary>
public class WheelBuilderTests
{
    [Fact]
    public async Task A_wheel_records_every_file_with_its_hash_and_size_and_keeps_the_command_executable()
    {
        var folder = TempFolder.Create();
        var binary = StandInElf.Write(folder, "tap-clockify", "GLIBC_2.2.5", "GLIBC_2.27", "GLIBC_2.14");

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

    [Theory]
    [InlineData("linux-x64", new[] { "GLIBC_2.17", "GLIBC_2.34", "GLIBC_2.29" }, "manylinux_2_34_x86_64")]
    [InlineData("linux-arm64", new[] { "GLIBC_2.27", "GLIBC_2.17" }, "manylinux_2_27_aarch64")]
    public async Task A_linux_wheel_is_tagged_with_the_newest_glibc_version_its_binary_needs(string rid, string[] versions, string tag)
    {
        var folder = TempFolder.Create();
        var binary = StandInElf.Write(folder, "tap-clockify", versions);

        var wheel = (await BuildAsync(folder, binary, rid, "1.0.0")).Trim();

        Assert.Equal($"tap_clockify-1.0.0-py3-none-{tag}.whl", Path.GetFileName(wheel));
    }

    [Fact]
    public async Task A_linux_wheel_of_a_file_that_is_not_an_elf_binary_is_refused_naming_the_file()
    {
        var folder = TempFolder.Create();
        var binary = folder.Write("tap-clockify", "#!/bin/sh\necho stand-in\n");

        var run = await Command.RunAsync(Command.Python3, WheelArguments(folder, binary, "linux-x64", "1.0.0"), folder.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"build_wheel.py: {binary} is not a 64-bit little-endian ELF file, so not a Linux build of the tap", run.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "out")));
    }

    private static Task<string> BuildAsync(TempFolder folder, string binary, string rid, string version) =>
        Command.RunOrFailAsync(Command.Python3, WheelArguments(folder, binary, rid, version), folder.Path);

    private static string[] WheelArguments(TempFolder folder, string binary, string rid, string version) =>
        Command.StandardLibraryOnly(RepoPaths.Of("scripts", "build_wheel.py"), "wheel", "--binary", binary, "--rid", rid, "--version", version,
            "--readme", RepoPaths.Of("README.md"), "--license", RepoPaths.Of("LICENSE"), "--out", Path.Combine(folder.Path, "out"));

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}

/// <summary>
/// The smallest 64-bit ELF file that needs symbol versions: a header, a string table, a version
/// requirement on libc.so.6 listing the versions given (what a linker writes into .gnu.version_r) and
/// the section headers that point at them. Enough for build_wheel.py's reading; it runs nothing.
/// </summary>
internal static class StandInElf
{
    private const int HeaderSize = 64, SectionHeaderSize = 64, VersionEntrySize = 16;

    public static string Write(TempFolder folder, string name, params string[] versions)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        int Add(string text)
        {
            var offset = (int)strings.Length;
            strings.Write(System.Text.Encoding.ASCII.GetBytes(text + "\0"));
            return offset;
        }
        var library = Add("libc.so.6");
        var names = versions.Select(Add).ToList();

        var stringsOffset = HeaderSize;
        var requirementsOffset = stringsOffset + (int)strings.Length;
        var requirementsSize = VersionEntrySize * (1 + versions.Length);
        var sectionsOffset = requirementsOffset + requirementsSize;

        using var file = new BinaryWriter(File.Create(Path.Combine(folder.Path, name)));
        file.Write([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        file.Write((ushort)2); file.Write((ushort)0x3E); file.Write(1u); // executable, x86-64, version 1
        file.Write(0UL); file.Write(0UL); file.Write((ulong)sectionsOffset); // entry, program headers, section headers
        file.Write(0u); file.Write((ushort)HeaderSize); file.Write((ushort)0); file.Write((ushort)0);
        file.Write((ushort)SectionHeaderSize); file.Write((ushort)3); file.Write((ushort)0);

        file.Write(strings.ToArray());

        // One Verneed (version, count, file, offset of its first Vernaux, next) and its Vernaux entries
        // (hash, flags, index, name, offset of the next).
        file.Write((ushort)1); file.Write((ushort)versions.Length); file.Write((uint)library); file.Write((uint)VersionEntrySize); file.Write(0u);
        for (var i = 0; i < versions.Length; i++)
        {
            file.Write(0u); file.Write((ushort)0); file.Write((ushort)(i + 2)); file.Write((uint)names[i]);
            file.Write(i == versions.Length - 1 ? 0u : VersionEntrySize);
        }

        void Section(uint type, int offset, int size, uint link, uint info)
        {
            file.Write(0u); file.Write(type); file.Write(0UL); file.Write(0UL);
            file.Write((ulong)offset); file.Write((ulong)size); file.Write(link); file.Write(info); file.Write(1UL); file.Write(0UL);
        }
        Section(0, 0, 0, 0, 0);
        Section(3, stringsOffset, (int)strings.Length, 0, 0); // SHT_STRTAB
        Section(0x6FFFFFFE, requirementsOffset, requirementsSize, 1, 1); // SHT_GNU_verneed, strings in section 1
        return Path.Combine(folder.Path, name);
    }
}

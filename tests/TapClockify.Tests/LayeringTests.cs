using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests;

/// <summary>The Singer layer knows nothing of Clockify, and the Clockify client nothing of Singer.</summary>
public class LayeringTests
{
    [Theory]
    [InlineData("Singer", "TapClockify.Clockify")]
    [InlineData("Singer", "TapClockify.Streams")]
    [InlineData("Clockify", "TapClockify.Singer")]
    [InlineData("Clockify", "TapClockify.Streams")]
    public void A_layer_does_not_reference_another(string folder, string forbiddenNamespace)
    {
        var offenders = Directory.GetFiles(RepoPaths.Of("tap-clockify", folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains(forbiddenNamespace, StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Layer_types_live_in_their_folders_namespace()
    {
        var assembly = typeof(TapJson).Assembly;
        var singer = assembly.GetTypes().Where(t => t.Namespace?.StartsWith("TapClockify.Singer", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(singer);
        foreach (var type in singer)
        {
            var referenced = type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Select(f => f.FieldType.Namespace ?? "");
            Assert.DoesNotContain(referenced, n => n.StartsWith("TapClockify.Clockify", StringComparison.Ordinal) || n.StartsWith("TapClockify.Streams", StringComparison.Ordinal));
        }
    }
}

using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using TapClockify.Streams.Embedded;

namespace TapClockify.Streams;

/// <summary>
/// Plan-gated streams against each workspace's <c>features</c> list: a stream whose feature the
/// workspace lacks is skipped there without a request (its plan or settings would refuse it with
/// 403), with one warning. A workspace that lists no features at all is asked anyway.
/// </summary>
public sealed class FeatureGate(Action<string> warn)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _featuresByWorkspace = new();

    public void Learn(JObject workspace) => _featuresByWorkspace[workspace["id"]!.ToString()] = WorkspaceFeatures.Of(workspace);

    /// <summary>Whether the workspace may have the stream; warns, naming the selected streams it holds back, when not.</summary>
    public bool Allows(ClockifyStream stream, PartitionContext context, IEnumerable<string> selectedStreams)
    {
        if (Missing(stream, context.WorkspaceId) is not { } feature) return true;
        var held = string.Join(", ", selectedStreams);
        warn($"stream {stream.Name}, {context}: skipped, the workspace's features do not include {feature} (its plan or settings lack it)"
            + (held.Length > 0 && held != stream.Name ? $"; not read: {held}" : ""));
        return false;
    }

    private string? Missing(ClockifyStream stream, string workspaceId) =>
        _featuresByWorkspace.TryGetValue(workspaceId, out var features) ? Missing(stream, features) : null;

    /// <summary>The feature the stream needs and a workspace with these features lacks; null when nothing is missing or it lists no features.</summary>
    public static string? Missing(ClockifyStream stream, IReadOnlyList<string> features) =>
        stream.RequiredFeature is { } feature && features.Count > 0 && !features.Contains(feature) ? feature : null;
}

using TapClockify.Singer.Messages;
using TapClockify.Singer.State;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Full-table versioning as Singer taps do it: every RECORD of a full-table stream carries this
/// sync's version; ACTIVATE_VERSION goes out before the first version's records (no version in
/// the state yet) and after each completed sync, so a target that honours it drops (or marks
/// deleted) the rows an earlier version wrote that this one did not.
/// </summary>
public sealed class TableVersions
{
    private const string StateKey = "table_version";
    private readonly SingerWriter _writer;
    private readonly TapState _state;
    private readonly Dictionary<string, long> _versions;

    /// <param name="streams">The selected full-table streams; empty when versioning is off.</param>
    public TableVersions(SingerWriter writer, TapState state, long version, IEnumerable<string> streams)
    {
        _writer = writer;
        _state = state;
        _versions = streams.ToDictionary(s => s, _ => version);
    }

    public static TableVersions None(SingerWriter writer, TapState state) => new(writer, state, 0, []);

    /// <summary>The streams a stream's records are written as (its stream maps' names); itself by default.</summary>
    public Func<string, IEnumerable<string>> OutputNames { get; init; } = stream => [stream];

    public long? VersionOf(string stream) => _versions.TryGetValue(stream, out var version) ? version : null;

    /// <summary>Activates the new version up front for streams never synced with a version before.</summary>
    public void Begin()
    {
        foreach (var (stream, version) in _versions)
        {
            if (_state.StreamValue(stream, StateKey) is null) Activate(stream, version);
        }
    }

    /// <summary>After every partition of the stream was written: rows of older versions may go.</summary>
    public void Complete(string stream)
    {
        if (!_versions.TryGetValue(stream, out var version)) return;
        Activate(stream, version);
        _state.SetStreamValue(stream, StateKey, version);
    }

    private void Activate(string stream, long version)
    {
        foreach (var name in OutputNames(stream)) _writer.WriteActivateVersion(name, version);
    }

    public IEnumerable<string> Streams => _versions.Keys;
}

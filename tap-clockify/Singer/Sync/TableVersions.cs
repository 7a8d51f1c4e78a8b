using TapClockify.Singer.Messages;
using TapClockify.Singer.State;

namespace TapClockify.Singer.Sync;

/// <summary>
/// Full-table versioning as Singer taps do it: every RECORD of a full-table stream carries this
/// sync's version; ACTIVATE_VERSION goes out before the first version's first record (no version in
/// the state yet) and after each completed sync, so a target that honours it drops (or marks
/// deleted) the rows an earlier version wrote that this one did not. Nothing is activated before a
/// record was read, so a run that fails first tells the target nothing.
/// </summary>
public sealed class TableVersions
{
    private const string StateKey = "table_version";
    private const string SourcesKey = "version_sources";
    private readonly SingerWriter _writer;
    private readonly TapState _state;
    private readonly Dictionary<string, long> _versions;
    private readonly HashSet<string> _announced = [];

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

    /// <summary>
    /// Before a stream's first record of this sync: a stream never synced with a version before has
    /// its new version activated now, so a target shows its rows as they arrive.
    /// </summary>
    public void BeforeFirstRecord(string stream)
    {
        if (!_versions.TryGetValue(stream, out var version)) return;
        lock (_announced)
        {
            if (!_announced.Add(stream)) return;
            if (_state.StreamValue(stream, StateKey) is null) Activate(stream, version);
        }
    }

    /// <summary>
    /// The parts of the source (such as workspaces) whose rows the stream's active version holds; null
    /// when unknown: a version activated by an older state, or none yet (see <see cref="HasActiveVersion"/>).
    /// </summary>
    public IReadOnlySet<string>? SourcesHeld(string stream) => _state.StreamList(stream, SourcesKey)?.ToHashSet();

    public bool HasActiveVersion(string stream) => _state.StreamValue(stream, StateKey) is not null;

    /// <summary>
    /// After every partition of the stream that held rows before was written: rows of older versions
    /// may go. <paramref name="sources"/> are the parts read whole, whose rows this version now holds.
    /// </summary>
    public void Complete(string stream, IEnumerable<string> sources)
    {
        if (!_versions.TryGetValue(stream, out var version)) return;
        Activate(stream, version);
        _state.SetStreamValue(stream, StateKey, version);
        _state.SetStreamList(stream, SourcesKey, sources.Order(StringComparer.Ordinal).ToList());
    }

    private void Activate(string stream, long version)
    {
        foreach (var name in OutputNames(stream)) _writer.WriteActivateVersion(name, version);
    }

    public IEnumerable<string> Streams => _versions.Keys;
}

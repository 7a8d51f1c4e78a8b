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

    private bool HasActiveVersion(string stream) => _state.StreamValue(stream, StateKey) is not null;

    /// <summary>
    /// At the end of a sync, the stream's version retires older rows only when every part of the
    /// source whose rows it held was read whole: then it is activated, and the parts it now holds
    /// are <paramref name="sources"/> less <paramref name="unread"/> (parts not read whole) and
    /// <paramref name="unavailable"/> (parts that do not offer the stream). A version whose parts
    /// the state does not name holds every part. Returns the unread parts whose rows activating
    /// would have dropped; empty when the stream was activated.
    /// </summary>
    public IReadOnlyList<string> CompleteUnlessLosing(string stream, IEnumerable<string> sources, IReadOnlyCollection<string> unread, IEnumerable<string> unavailable)
    {
        var held = SourcesHeld(stream);
        var wouldLose = unread.Where(part => held?.Contains(part) ?? HasActiveVersion(stream)).ToList();
        if (wouldLose.Count == 0) Complete(stream, sources.Except(unread).Except(unavailable));
        return wouldLose;
    }

    private void Complete(string stream, IEnumerable<string> sources)
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

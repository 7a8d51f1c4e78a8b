using Newtonsoft.Json.Linq;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer;

public class TableVersionsTests
{
    private const long Version = 1_700_000_000_000;

    private readonly MemoryStream _output = new();
    private readonly SingerWriter _writer;

    public TableVersionsTests() => _writer = new SingerWriter(_output);

    private TableVersions Versions(TapState state, params string[] streams) => new(_writer, state, Version, streams);

    /// <summary>The messages written so far.</summary>
    private List<JObject> Messages()
    {
        _writer.Flush();
        return System.Text.Encoding.UTF8.GetString(_output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
    }

    private List<(string Stream, long Version)> Activations() =>
        Messages().Where(m => m["type"]!.ToString() == "ACTIVATE_VERSION").Select(m => (m["stream"]!.ToString(), (long)m["version"]!)).ToList();

    /// <summary>A state in which the stream's version was activated by an earlier run, holding the given parts (or, when null, not naming them).</summary>
    private static TapState StateWithVersion(string stream, long version, params string[]? sources)
    {
        var bookmark = new JObject { ["table_version"] = version };
        if (sources is not null) bookmark["version_sources"] = new JArray(sources);
        return TapState.Parse(new JObject { ["bookmarks"] = new JObject { [stream] = bookmark } }, "state.json");
    }

    [Fact]
    public void Nothing_is_activated_before_a_first_record_or_a_complete_read()
    {
        var versions = Versions(TapState.Empty(), "clients");

        Assert.Equal(Version, versions.VersionOf("clients"));
        Assert.Empty(Messages());
    }

    [Fact]
    public void A_stream_never_versioned_before_is_activated_once_just_before_its_first_record()
    {
        var versions = Versions(TapState.Empty(), "clients");

        versions.BeforeFirstRecord("clients");
        versions.BeforeFirstRecord("clients");

        Assert.Equal([("clients", Version)], Activations());
    }

    [Fact]
    public void A_stream_with_a_version_in_the_state_is_not_activated_before_its_first_record()
    {
        var versions = Versions(StateWithVersion("clients", 5, "w1"), "clients");

        versions.BeforeFirstRecord("clients");

        Assert.Empty(Activations());
    }

    [Fact]
    public void A_stream_that_is_not_versioned_has_no_version_and_is_never_activated()
    {
        var state = TapState.Empty();
        var versions = TableVersions.None(_writer, state);

        versions.BeforeFirstRecord("clients");
        var lost = versions.CompleteUnlessLosing("clients", ["w1"], [], []);

        Assert.Null(versions.VersionOf("clients"));
        Assert.Empty(lost);
        Assert.Empty(Activations());
        Assert.Null(state.StreamValue("clients", "table_version"));
    }

    [Fact]
    public void A_complete_read_activates_the_version_and_records_it_with_the_parts_it_holds_in_the_state()
    {
        var state = TapState.Empty();
        var versions = Versions(state, "clients");

        var lost = versions.CompleteUnlessLosing("clients", ["w2", "w1"], [], []);

        Assert.Empty(lost);
        Assert.Equal([("clients", Version)], Activations());
        Assert.Equal(Version, state.StreamValue("clients", "table_version"));
        Assert.Equal(["w1", "w2"], state.StreamList("clients", "version_sources"));
        Assert.Equal(new HashSet<string> { "w1", "w2" }, versions.SourcesHeld("clients"));
    }

    [Fact]
    public void A_part_not_read_whole_whose_rows_the_version_holds_keeps_the_stream_from_being_activated()
    {
        var state = StateWithVersion("clients", 5, "w1", "w2");
        var versions = Versions(state, "clients");

        var lost = versions.CompleteUnlessLosing("clients", ["w1", "w2"], ["w2"], []);

        Assert.Equal(["w2"], lost);
        Assert.Empty(Activations());
        Assert.Equal(5, state.StreamValue("clients", "table_version"));
        Assert.Equal(["w1", "w2"], state.StreamList("clients", "version_sources"));
    }

    [Fact]
    public void A_part_not_read_whole_that_the_version_never_held_is_left_out_of_the_parts_it_now_holds()
    {
        var state = StateWithVersion("clients", 5, "w1");
        var versions = Versions(state, "clients");

        var lost = versions.CompleteUnlessLosing("clients", ["w1", "w2"], ["w2"], []);

        Assert.Empty(lost);
        Assert.Equal([("clients", Version)], Activations());
        Assert.Equal(["w1"], state.StreamList("clients", "version_sources"));
    }

    [Fact]
    public void A_version_whose_parts_the_state_does_not_name_holds_every_part()
    {
        var versions = Versions(StateWithVersion("clients", 5, sources: null), "clients");

        Assert.Null(versions.SourcesHeld("clients"));
        Assert.Equal(["w3"], versions.CompleteUnlessLosing("clients", ["w1", "w3"], ["w3"], []));
        Assert.Empty(Activations());
    }

    [Fact]
    public void A_stream_never_activated_is_activated_even_when_a_part_was_not_read_whole()
    {
        var state = TapState.Empty();
        var versions = Versions(state, "clients");

        Assert.Empty(versions.CompleteUnlessLosing("clients", ["w1", "w2"], ["w2"], []));
        Assert.Equal([("clients", Version)], Activations());
        Assert.Equal(["w1"], state.StreamList("clients", "version_sources"));
    }

    [Fact]
    public void Parts_that_do_not_offer_the_stream_are_not_among_the_parts_its_version_holds()
    {
        var state = TapState.Empty();
        var versions = Versions(state, "expenses");

        versions.CompleteUnlessLosing("expenses", ["w1", "free"], [], ["free"]);

        Assert.Equal(["w1"], state.StreamList("expenses", "version_sources"));
    }

    [Fact]
    public void A_parts_rows_are_dropped_once_it_is_gone_from_the_sources_even_though_the_version_held_them()
    {
        var state = StateWithVersion("clients", 5, "w1", "gone");
        var versions = Versions(state, "clients");

        Assert.Empty(versions.CompleteUnlessLosing("clients", ["w1"], [], []));
        Assert.Equal([("clients", Version)], Activations());
        Assert.Equal(["w1"], state.StreamList("clients", "version_sources"));
    }

    [Fact]
    public void A_mapped_stream_is_activated_under_each_name_its_maps_write_it_as()
    {
        var versions = new TableVersions(_writer, TapState.Empty(), Version, ["users"]) { OutputNames = _ => ["people", "contacts"] };

        versions.BeforeFirstRecord("users");
        versions.CompleteUnlessLosing("users", ["w1"], [], []);

        Assert.Equal([("people", Version), ("contacts", Version), ("people", Version), ("contacts", Version)], Activations());
    }

    [Fact]
    public void A_version_activated_before_its_first_record_is_activated_again_after_the_complete_read()
    {
        var versions = Versions(TapState.Empty(), "clients");

        versions.BeforeFirstRecord("clients");
        versions.CompleteUnlessLosing("clients", ["w1"], [], []);

        Assert.Equal([("clients", Version), ("clients", Version)], Activations());
    }
}

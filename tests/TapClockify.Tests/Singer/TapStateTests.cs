using Newtonsoft.Json.Linq;
using TapClockify;
using TapClockify.Singer;
using TapClockify.Singer.State;
using Xunit;

namespace TapClockify.Tests.Singer;

public class TapStateTests
{
    private static readonly Dictionary<string, string> UserA = new() { ["workspace_id"] = "w", ["user_id"] = "a" };

    [Fact]
    public void Partition_bookmarks_round_trip_through_a_state_message()
    {
        var state = TapState.Empty();
        state.SetPartitionBookmark("time_entries", UserA, "timeinterval_start", "2026-01-01T00:00:00Z");

        var reloaded = TapState.Parse(TapJson.Parse(state.ToJsonLine()), "state.json");

        Assert.Equal("2026-01-01T00:00:00Z", reloaded.PartitionBookmark("time_entries", UserA));
        Assert.Null(reloaded.PartitionBookmark("time_entries", new Dictionary<string, string> { ["workspace_id"] = "w", ["user_id"] = "b" }));
    }

    [Fact]
    public void Partitions_are_listed_in_the_order_of_their_contexts_whichever_finished_first()
    {
        var first = TapState.Empty();
        var second = TapState.Empty();
        foreach (var user in new[] { "c", "a", "b" }) first.SetPartitionBookmark("time_entries", User(user), "timeinterval_start", "2026-01-01T00:00:00Z");
        foreach (var user in new[] { "b", "c", "a" }) second.SetPartitionBookmark("time_entries", User(user), "timeinterval_start", "2026-01-01T00:00:00Z");

        Assert.Equal(first.ToJsonLine(), second.ToJsonLine());
        var users = TapJson.Parse(first.ToJsonLine())["bookmarks"]!["time_entries"]!["partitions"]!.Select(p => p["context"]!["user_id"]!.ToString());
        Assert.Equal(["a", "b", "c"], users);
    }

    [Fact]
    public void A_partition_of_a_state_file_is_updated_in_place_and_a_repeated_one_is_kept_but_not_read()
    {
        var state = TapState.Parse(TapJson.Parse("""
            {"bookmarks":{"time_entries":{"partitions":[
              {"context":{"workspace_id":"w","user_id":"b"},"replication_key_value":"2025-02-01T00:00:00Z"},
              {"context":{"user_id":"a","workspace_id":"w"},"replication_key_value":"2025-01-01T00:00:00Z","extra":1},
              {"context":{"workspace_id":"w","user_id":"a"},"replication_key_value":"2020-01-01T00:00:00Z"},
              "not a partition"
            ]}}}
            """), "state.json");

        Assert.Equal("2025-01-01T00:00:00Z", state.PartitionBookmark("time_entries", UserA));
        state.SetPartitionBookmark("time_entries", UserA, "timeinterval_start", "2026-01-01T00:00:00Z");

        var partitions = (JArray)TapJson.Parse(state.ToJsonLine())["bookmarks"]!["time_entries"]!["partitions"]!;
        Assert.Equal(4, partitions.Count);
        Assert.Equal("2026-01-01T00:00:00Z", partitions[0]["replication_key_value"]!.ToString());
        Assert.Equal(1, (int)partitions[0]["extra"]!);
        Assert.Equal("b", partitions[1]["context"]!["user_id"]!.ToString());
        Assert.Equal("2020-01-01T00:00:00Z", partitions[2]["replication_key_value"]!.ToString());
        Assert.Equal("2026-01-01T00:00:00Z", state.PartitionBookmark("time_entries", UserA));
    }

    private static Dictionary<string, string> User(string id) => new() { ["workspace_id"] = "w", ["user_id"] = id };

    [Fact]
    public void A_stream_level_bookmark_of_older_state_stands_in_for_every_partition()
    {
        var state = TapState.Parse(TapJson.Parse("""{"bookmarks":{"time_entries":{"replication_key":"timeinterval_start","replication_key_value":"2025-06-01T00:00:00Z"}}}"""), "state.json");

        Assert.Equal("2025-06-01T00:00:00Z", state.PartitionBookmark("time_entries", UserA));
    }

    [Fact]
    public void A_whole_state_message_is_accepted_and_unknown_keys_survive()
    {
        var state = TapState.Parse(TapJson.Parse("""{"type":"STATE","value":{"bookmarks":{},"other":{"kept":true}}}"""), "state.json");

        Assert.True((bool)TapJson.Parse(state.ToJsonLine())["other"]!["kept"]!);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"bookmarks\": 5}")]
    public void An_unreadable_state_is_a_clear_error_naming_the_file(string json)
    {
        var error = Assert.Throws<SingerInputException>(() => TapState.Parse(JToken.Parse(json), "state.json"));
        Assert.StartsWith("state.json: ", error.Message);
    }
}

using Newtonsoft.Json.Linq;
using TapClockify.Singer;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.StreamMaps;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Singer.StreamMaps;

public class StreamMapSettingsTests
{
    private static IReadOnlyDictionary<string, StreamMapPlan> Plan(string streamMaps, string? config = null) =>
        StreamMapSettings.Parse(TapJson.Parse(streamMaps), config is null ? null : TapJson.Parse(config), "config.json")
            .Plan(StreamRegistry.All, SelectionMask.All(StreamRegistry.All));

    private static string Refusal(string streamMaps) => Assert.Throws<SingerInputException>(() => Plan(streamMaps)).Message;

    [Fact]
    public void A_stream_only_renamed_or_stripped_of_properties_is_written_as_conformed_with_no_work_per_record()
    {
        var plans = Plan("""{"clients": {"__alias__": "customers"}, "time_entries": {"description": null, "billable": "billable"}, "users": {"email": "md5(email)"}}""");

        Assert.True(plans["clients"].IsPassThrough);
        Assert.Equal("customers", Assert.Single(plans["clients"].Outputs).Name);
        Assert.True(plans["time_entries"].IsPassThrough);
        Assert.DoesNotContain("description", plans["time_entries"].ConformedColumns);
        Assert.True(plans["tags"].IsPassThrough);
        Assert.False(plans["users"].IsPassThrough);
    }

    [Fact]
    public void A_stream_mapped_to_null_has_no_output_and_a_top_level_else_null_drops_every_stream_not_named()
    {
        Assert.Empty(Plan("""{"tags": "__NULL__"}""")["tags"].Outputs);

        var plans = Plan("""{"users": {}, "__else__": null}""");
        Assert.Equal(["users"], plans.Where(p => p.Value.Outputs.Count > 0).Select(p => p.Key));
    }

    [Fact]
    public void A_wildcard_key_maps_every_stream_it_matches_under_its_own_name()
    {
        var plans = Plan("""{"time_entries*": {"_sdc_mapped": "True"}}""");

        Assert.Equal("time_entries", plans["time_entries"].Outputs[0].Name);
        Assert.Equal("time_entries_tags", plans["time_entries_tags"].Outputs[0].Name);
        Assert.Equal("_sdc_mapped", plans["time_entries_tags"].Outputs[0].Columns[^1].Name);
        Assert.True(plans["users"].IsPassThrough);
    }

    [Theory]
    [InlineData("""{"userz": {"email": null}}""", "config.json: stream_maps, stream userz: the tap has no stream userz (its streams: workspaces, ")]
    [InlineData("""{"users": {"emial": null}}""", "config.json: stream_maps, stream users, property emial: the stream has no such property to remove")]
    [InlineData("""{"users": {"email": 5}}""", "config.json: stream_maps, stream users, property email: expected an expression in a string, or null to remove it, got a number")]
    [InlineData("""{"users": "drop"}""", "config.json: stream_maps, stream users: expected an object of properties or null, got the text \"drop\"")]
    [InlineData("""{"users": {"__alias__": "people", "__source__": "users"}}""", "config.json: stream_maps, stream users: __alias__ and __source__ together; a stream made with __source__ is named by its key (users)")]
    [InlineData("""{"users": {"__rename__": "people"}}""", "config.json: stream_maps, stream users: unknown option __rename__ (options: __alias__, __source__, __filter__, __key_properties__, __else__)")]
    [InlineData("""{"users": {"__else__": "keep"}}""", "config.json: stream_maps, stream users, __else__: can only be null (keep only the properties listed and the key)")]
    [InlineData("""{"__else__": "keep"}""", "config.json: stream_maps, __else__ can only be null (drop the streams not named)")]
    [InlineData("""{"__default__": null}""", "config.json: stream_maps, __default__ is not an option of stream_maps (only __else__)")]
    [InlineData("""{"clients": {"__alias__": "tags"}}""", "config.json: stream_maps: two streams would be named tags (from clients and from tags); give one another name with __alias__")]
    [InlineData("""{"users": {"__key_properties__": ["email_hash"]}}""", "config.json: stream_maps, stream users, __key_properties__: email_hash is not a property of the mapped stream")]
    [InlineData("""{"users": {"__key_properties__": "id"}}""", "config.json: stream_maps, stream users, __key_properties__: expected a list of property names or null, got the text \"id\"")]
    [InlineData("""{"users": {"__filter__": "status == "}}""", "config.json: stream_maps, stream users, __filter__ (\"status == \"): the expression ends too early")]
    public void A_map_the_tap_cannot_honour_is_refused_with_one_line_naming_the_file_the_stream_and_the_option(string streamMaps, string problem)
    {
        Assert.StartsWith(problem, Refusal(streamMaps));
    }

    [Fact]
    public void Stream_maps_and_their_config_must_be_objects()
    {
        Assert.Equal("config.json: stream_maps must be an object of stream names, such as {\"users\": {\"email\": null}}",
            Assert.Throws<SingerInputException>(() => StreamMapSettings.Parse(new JArray(), null, "config.json")).Message);
        Assert.Equal("config.json: stream_map_config must be an object such as {\"hash_seed\": \"...\"}",
            Assert.Throws<SingerInputException>(() => StreamMapSettings.Parse(null, new JValue("seed"), "config.json")).Message);
    }
}

using Newtonsoft.Json.Linq;
using TapClockify.Singer;
using TapClockify.Singer.Catalog;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests;

/// <summary>Bad input is refused with one sentence naming the file, the place and the accepted form.</summary>
public class InputErrorTests
{
    private static TapSettings Load(JObject config, Func<string, string?>? environment = null)
    {
        var values = new JObject { ["api_key"] = "k" };
        values.Merge(config);
        return TapSettings.Load(values, "config.json", environment ?? (_ => null));
    }

    [Fact]
    public void Workspace_ids_written_as_text_in_the_file_are_refused_with_the_list_form()
    {
        var error = Assert.Throws<SingerInputException>(() => Load(new JObject { ["workspace_ids"] = "abc,def" }));

        Assert.Equal("config.json: workspace_ids is the text \"abc,def\"; write a list of ids such as [\"abc\"]", error.Message);
    }

    [Fact]
    public void Workspace_ids_from_the_environment_may_be_comma_separated()
    {
        var settings = Load(new JObject(), name => name == "TAP_CLOCKIFY_WORKSPACE_IDS" ? "abc, def" : null);

        Assert.Equal(["abc", "def"], settings.WorkspaceIds);
    }

    [Theory]
    [InlineData("2024-01-01", "2024-01-01T00:00:00Z")]
    [InlineData("2024-03-05T10:30:00", "2024-03-05T10:30:00Z")]
    public void A_start_date_without_a_time_zone_is_refused_with_the_utc_form(string given, string suggested)
    {
        var error = Assert.Throws<SingerInputException>(() => Load(new JObject { ["start_date"] = given }));

        Assert.Equal($"config.json: start_date \"{given}\" has no time zone; write it with one, such as {suggested} for UTC", error.Message);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z", "2024-01-01T00:00:00+00:00")]
    [InlineData("2024-01-01T02:00:00+02:00", "2024-01-01T00:00:00+00:00")]
    [InlineData("2023-12-31T19:00:00-05:00", "2024-01-01T00:00:00+00:00")]
    public void A_start_date_with_a_time_zone_is_read_as_that_moment(string given, string moment)
    {
        Assert.Equal(DateTimeOffset.Parse(moment), Load(new JObject { ["start_date"] = given }).StartDate);
    }

    [Fact]
    public void A_catalog_property_whose_schema_is_not_an_object_names_the_catalog_stream_and_property()
    {
        var catalog = Catalog.Discover(StreamRegistry.All).ToJson();
        catalog["streams"]![0]!["schema"]!["properties"]!["name"] = "string";

        var error = Assert.Throws<SingerInputException>(() => Catalog.Parse(catalog, "catalog.json"));

        Assert.Equal($"catalog.json: stream {catalog["streams"]![0]!["tap_stream_id"]}, property name: its schema is not an object; write the catalog again with --discover", error.Message);
    }

    [Fact]
    public void A_selected_stream_the_tap_does_not_have_is_a_warning_and_the_rest_is_read()
    {
        var catalog = Catalog.Discover(StreamRegistry.All).ToJson();
        var unknown = (JObject)catalog["streams"]![0]!.DeepClone();
        unknown["tap_stream_id"] = unknown["stream"] = "invoices_of_mars";
        ((JArray)catalog["streams"]!).Add(unknown);
        var warnings = new List<string>();

        var mask = SelectionMask.FromCatalog(Catalog.Parse(catalog, "catalog.json"), StreamRegistry.All, warnings.Add);

        Assert.Contains("catalog stream invoices_of_mars is selected but this tap has no such stream", Assert.Single(warnings));
        Assert.All(StreamRegistry.All, s => Assert.Equal(s.IsSelectedByDefault, mask.IsSelected(s.Name)));
    }
}

using Newtonsoft.Json.Linq;
using TapClockify.Singer.Catalog;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Singer;

public class SelectionMaskTests
{
    private static Catalog Discovered() => Catalog.Discover(StreamRegistry.All);

    private static void SetMetadata(Catalog catalog, string stream, JObject values, params string[] breadcrumb)
    {
        var metadata = catalog.Find(stream)!.MetadataAt(breadcrumb)!;
        foreach (var property in values.Properties()) metadata[property.Name] = property.Value;
    }

    [Fact]
    public void A_discovered_catalog_selects_every_stream_selected_by_default_and_no_other()
    {
        var mask = SelectionMask.FromCatalog(Discovered(), StreamRegistry.All);
        Assert.All(StreamRegistry.All, s => Assert.Equal(s.IsSelectedByDefault, mask.IsSelected(s.Name)));
        Assert.Contains(StreamRegistry.All, s => !s.IsSelectedByDefault);
    }

    [Fact]
    public void Explicit_selected_false_wins_over_selected_by_default()
    {
        var catalog = Discovered();
        SetMetadata(catalog, "tags", new JObject { ["selected"] = false });
        Assert.False(SelectionMask.FromCatalog(catalog, StreamRegistry.All).IsSelected("tags"));
    }

    [Fact]
    public void A_deselected_property_is_left_out_but_keys_are_always_kept()
    {
        var catalog = Discovered();
        SetMetadata(catalog, "clients", new JObject { ["selected"] = false }, "properties", "address");
        SetMetadata(catalog, "clients", new JObject { ["selected"] = false }, "properties", "id");

        var properties = SelectionMask.FromCatalog(catalog, StreamRegistry.All).SelectedProperties("clients");
        Assert.DoesNotContain("address", properties);
        Assert.Contains("id", properties);
        Assert.Contains("name", properties);
    }

    [Fact]
    public void The_older_selected_inside_the_schema_is_honoured()
    {
        var json = Discovered().ToJson();
        foreach (var stream in ((JArray)json["streams"]!).Cast<JObject>())
        {
            // A catalog of the older style: no stream metadata, selection in the schema.
            stream["metadata"] = new JArray();
            stream["schema"]!["selected"] = stream["tap_stream_id"]!.ToString() == "projects";
        }
        var mask = SelectionMask.FromCatalog(Catalog.Parse(json, "catalog.json"), StreamRegistry.All);
        Assert.True(mask.IsSelected("projects"));
        Assert.False(mask.IsSelected("clients"));
    }

    [Fact]
    public void A_stream_missing_from_the_catalog_is_not_synced()
    {
        var json = Discovered().ToJson();
        json["streams"] = new JArray(((JArray)json["streams"]!).Where(s => s["tap_stream_id"]!.ToString() == "tags"));
        var mask = SelectionMask.FromCatalog(Catalog.Parse(json, "catalog.json"), StreamRegistry.All);
        Assert.True(mask.IsSelected("tags"));
        Assert.False(mask.IsSelected("users"));
    }
}

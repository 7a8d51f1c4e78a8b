using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>The list scanner on response bytes alone: where it finds the list, the total, and what it refuses.</summary>
public class ListItemsTests
{
    private const string Request = "GET /api/v1/x";

    private static ReadOnlyMemory<byte> Body(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Every item's id, read <paramref name="perBatch"/> at a time as the client does.</summary>
    private static List<string> IdsOf(ListItems<JObject> items, int perBatch = 2)
    {
        var ids = new List<string>();
        var batch = new List<JObject>();
        bool more;
        do
        {
            more = items.ReadBatch(ItemReader.Objects, batch, perBatch);
            Assert.True(batch.Count <= perBatch);
            ids.AddRange(batch.Select(item => item["id"]!.ToString()));
        } while (more);
        return ids;
    }

    [Fact]
    public void A_bare_list_is_read_in_order_across_batches_and_gives_no_total()
    {
        var items = ListItems<JObject>.Find(Body("""[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"},{"id":"e"}]"""), null, null, Request, out var total);

        Assert.Equal(["a", "b", "c", "d", "e"], IdsOf(items));
        Assert.Null(total);
    }

    [Fact]
    public void A_bare_list_is_read_even_where_a_wrapper_is_declared()
    {
        var items = ListItems<JObject>.Find(Body("""[{"id":"a"}]"""), "holidays", "count", Request, out var total);

        Assert.Equal(["a"], IdsOf(items));
        Assert.Null(total);
    }

    [Fact]
    public void Values_in_a_list_that_are_not_objects_are_passed_over()
    {
        var items = ListItems<JObject>.Find(Body("""[1,{"id":"a"},"text",[{"id":"inner"}],null,{"id":"b"}]"""), null, null, Request, out _);

        Assert.Equal(["a", "b"], IdsOf(items));
    }

    [Fact]
    public void A_list_wrapped_twice_is_found_at_its_dotted_path_and_not_at_a_same_named_list_elsewhere()
    {
        var body = Body("""
            {"dailyTotals":[{"expenses":[{"id":"not-a-row"}]}],
             "other":{"expenses":[{"id":"nor-this"}]},
             "expenses":{"count":5,"expenses":[{"id":"a"},{"id":"b"}]},
             "weeklyTotals":[]}
            """);

        var items = ListItems<JObject>.Find(body, "expenses.expenses", "expenses.count", Request, out var total);

        Assert.Equal(["a", "b"], IdsOf(items));
        Assert.Equal(5, total);
    }

    [Fact]
    public void The_list_and_the_total_are_found_in_any_order_and_in_either_spelling_of_the_name()
    {
        var items = ListItems<JObject>.Find(Body("""{"timeEntries":[{"id":"e1"}],"Count":7}"""), "timeentries", "count", Request, out var total);

        Assert.Equal(["e1"], IdsOf(items));
        Assert.Equal(7, total);
    }

    [Fact]
    public void A_total_in_the_first_object_of_a_list_is_found_by_its_index_in_the_path()
    {
        var body = Body("""
            {"totals":[{"_id":"","totalTime":3600,"entriesCount":2345},{"entriesCount":1}],
             "timeentries":[{"id":"e1"},{"id":"e2"}]}
            """);

        var items = ListItems<JObject>.Find(body, "timeentries", "totals.0.entriesCount", Request, out var total);

        Assert.Equal(["e1", "e2"], IdsOf(items));
        Assert.Equal(2345, total);
    }

    [Fact]
    public void An_empty_list_of_totals_gives_no_total()
    {
        var items = ListItems<JObject>.Find(Body("""{"totals":[],"timeentries":[]}"""), "timeentries", "totals.0.entriesCount", Request, out var total);

        Assert.Empty(IdsOf(items));
        Assert.Null(total);
    }

    [Fact]
    public void A_total_that_is_not_a_whole_number_is_no_total()
    {
        var items = ListItems<JObject>.Find(Body("""{"count":"5","items":[]}"""), "items", "count", Request, out var total);

        Assert.Empty(IdsOf(items));
        Assert.Null(total);
    }

    [Fact]
    public void An_error_object_with_status_200_where_a_bare_list_belongs_names_clockifys_message()
    {
        var error = Assert.Throws<ClockifyApiException>(() =>
            ListItems<JObject>.Find(Body("""{"code":501,"message":"Please select date range of exactly 7 days"}"""), null, null, Request, out _));

        Assert.Equal($"HTTP 200 from {Request} returned an error (Clockify: \"Please select date range of exactly 7 days\") where a list was expected", error.Message);
        Assert.Equal(200, error.Status);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public void An_error_object_with_status_200_where_a_wrapped_list_belongs_names_the_missing_list_and_clockifys_message()
    {
        var error = Assert.Throws<ClockifyApiException>(() =>
            ListItems<JObject>.Find(Body("""{"code":500,"message":"Try again"}"""), "expenses.expenses", null, Request, out _));

        Assert.Equal($"{Request} returned no \"expenses.expenses\" list (Clockify: \"Try again\")", error.Message);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public void A_value_that_is_neither_list_nor_object_is_named_by_its_type()
    {
        var error = Assert.Throws<ClockifyApiException>(() => ListItems<JObject>.Find(Body("\"text\""), null, null, Request, out _));

        Assert.Contains("returned a JSON string where a list was expected", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"items":[{"id":"a"}""")]
    [InlineData("""{"items":[{"id":"a"}],"count":""")]
    public void A_wrapped_body_cut_short_is_refused_before_any_item_is_read(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ListItems<JObject>.Find(Body(json), "items", "count", Request, out _));
    }

    [Fact]
    public void A_wrapped_list_is_read_whole_with_what_follows_it_checked_and_its_total_found_after_it()
    {
        var items = ListItems<JObject>.Find(Body("""{"items":[{"id":"a","note":"] } \" ["},{"id":"b"}],"after":{"x":[1,{"y":"]"}]},"count":2}"""),
            "items", "count", Request, out var total);

        Assert.Equal(["a", "b"], IdsOf(items));
        Assert.Equal(2, total);
    }

    [Fact]
    public void A_wrapped_body_broken_after_its_list_is_refused_before_any_item_is_read()
    {
        Assert.ThrowsAny<JsonException>(() => ListItems<JObject>.Find(Body("""{"items":[{"id":"a"}],"count":2,}"""), "items", "count", Request, out _));
    }

    [Fact]
    public void A_bare_list_cut_short_is_refused_once_the_reading_reaches_the_cut()
    {
        var items = ListItems<JObject>.Find(Body("""[{"id":"a"},{"id":"b"},{"id":"c"}"""), null, null, Request, out _);

        var batch = new List<JObject>();
        Assert.True(items.ReadBatch(ItemReader.Objects, batch, 2));
        Assert.Equal(2, batch.Count);
        Assert.ThrowsAny<JsonException>(() => items.ReadBatch(ItemReader.Objects, batch, 2));
    }

    [Theory]
    [InlineData("""[{"id":"a"}] [{"id":"b"}]""", null)]
    [InlineData("""[{"id":"a"}] {}""", "items")]
    [InlineData("""{"items":[{"id":"a"}]} {"items":[]}""", "items")]
    public void A_body_with_more_than_one_json_value_is_refused(string json, string? itemsPath)
    {
        Assert.ThrowsAny<JsonException>(() => IdsOf(ListItems<JObject>.Find(Body(json), itemsPath, null, Request, out _)));
    }
}

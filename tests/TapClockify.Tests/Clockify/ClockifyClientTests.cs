using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>The client against a loopback server that answers in the shapes the document and the live API disagree on.</summary>
public class ClockifyClientTests
{
    /// <summary>An item a reusing reader fills again; counts how often it was.</summary>
    private sealed class Box
    {
        public string? Id;
        public static int Refills;
    }

    private static Box ReadBox(ReadOnlySpan<byte> json, int start, out int end, Box? reuse)
    {
        var box = reuse ?? new Box();
        if (reuse is not null) Interlocked.Increment(ref Box.Refills);
        var reader = new System.Text.Json.Utf8JsonReader(json[start..]);
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id");
            reader.Read();
            if (isId) box.Id = reader.GetString();
            else reader.Skip();
        }
        end = start + (int)reader.BytesConsumed;
        return box;
    }

    [Fact]
    public async Task Reused_items_are_filled_again_only_once_the_caller_is_past_them()
    {
        var ids = Enumerable.Range(0, 3000).Select(i => $"e{i}").ToList();
        using var server = ScriptedServer.Fixed(new JArray(ids.Select(id => new JObject { ["id"] = id, ["n"] = 1 })).ToString());
        using var client = server.Client();
        Box.Refills = 0;

        var seen = new List<string>();
        await foreach (var box in client.GetAllPagesAsync("list", null, 5000, new ItemReader<Box>(ReadBox, b => b.Id, ReusesItems: true)))
        {
            var id = box.Id!;
            // Pause often, batch starts included, so the page reader waits on this caller for batches
            // to refill: the item in hand must not change meanwhile.
            if (seen.Count % 64 == 0) await Task.Delay(2);
            Assert.Equal(id, box.Id);
            seen.Add(id);
        }

        Assert.Equal(ids, seen);
        Assert.True(Box.Refills > 0, "no item was reused, so nothing was tested");
    }

    private static async Task<List<string>> IdsAsync(IAsyncEnumerable<JObject> items) =>
        await items.Select(i => (i["id"] ?? i["_id"])!.ToString()).ToListAsync();

    [Fact]
    public async Task A_list_wrapped_in_response_as_the_document_has_it_is_read_like_a_bare_one()
    {
        using var server = ScriptedServer.Fixed("""{"response":[{"id":"a"},{"id":"b"}]}""");
        using var client = server.Client();

        Assert.Equal(["a", "b"], await IdsAsync(client.GetAllPagesAsync("x", [], 50, wrappedIn: "response")));
    }

    [Fact]
    public async Task The_reports_list_is_found_under_timeentries_in_either_spelling()
    {
        using var server = ScriptedServer.Fixed("""{"totals":[{"_id":""}],"timeEntries":[{"_id":"e1"}]}""");
        using var client = server.Client();

        Assert.Equal(["e1"], await IdsAsync(client.PostAllPagesAsync(ClockifyApi.Reports, "r", _ => new JObject(), "timeentries", 1000, ItemReader.Objects)));
    }

    [Fact]
    public async Task An_error_object_with_status_200_where_a_list_belongs_names_clockifys_message()
    {
        using var server = ScriptedServer.Fixed("""{"code":501,"message":"Please select date range of exactly 7 days"}""");
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<ClockifyApiException>(() => IdsAsync(client.GetAllPagesAsync("x", [], 50)));
        Assert.Contains("Please select date range of exactly 7 days", error.Message);
        Assert.Contains("where a list was expected", error.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_clear_error_without_the_key()
    {
        using var server = ScriptedServer.Fixed("<html>gateway</html>");
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<ClockifyApiException>(() => IdsAsync(client.GetAllPagesAsync("x", [], 50)));
        Assert.Contains("not complete JSON", error.Message);
        Assert.DoesNotContain("secret-key", error.Message);
    }
}

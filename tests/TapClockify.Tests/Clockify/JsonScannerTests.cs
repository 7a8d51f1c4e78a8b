using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>The scanner accepts exactly the JSON texts that System.Text.Json's reader accepts, and ends values where it does.</summary>
public class JsonScannerTests
{
    /// <summary>Texts on both sides of the line: each token kind whole, cut short, misspelt, or out of place.</summary>
    public static readonly TheoryData<string> Texts = new()
    {
        "{}", "[]", " { } ", "{\"a\":1}", "{\"a\":[1,2,{\"b\":null}],\"c\":{\"d\":{}}}", " { \"a\" : -0.5e+10 ,\n\t\"b\":true,\"c\":false } ",
        "\"\\u00e9\\n\\\"x\\\" \\/ \\\\ \\b\\f\\r\\t\"", "\"\\uD800\"", "\"été ✓\"", "0", "-0", "1E5", "1e-5", "12.50", "[[[]]]", "null", "true",
        "{\"a\":1,}", "[1,]", "[,1]", "[,]", "{,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}",
        "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":nullx}", "{\"a\":12a}", "{\"a\":NaN}",
        "{\"a\":\"x\\q\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"line\nbreak\"}", "{\"a\":\"unterminated}",
        "{\"a\":1", "{\"a\":1}}", "{\"a\":1 2}", "[1 2]", "{\"a\":1,,\"b\":2}", "/*c*/{}", "{\"a\":[}", "{\"a\":{]}", "[\"a\":1]", "{\"a\"}",
        "{\"a\":}", "", " ", "\"", "\"\\", "-", "[1,2", "{\"a\":\"b\"", "{\"a\":[1,2,3],\"b\":{\"c\":[{\"d\":\"e\"}]}}",
        new string('[', 64) + new string(']', 64), new string('[', 65) + new string(']', 65),
        "[" + string.Concat(Enumerable.Repeat("{\"a\":", 63)) + "1" + new string('}', 63) + "]",
        "[" + string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 64) + "]",
    };

    private static bool ReaderAccepts(byte[] text, out int end)
    {
        end = -1;
        try
        {
            var reader = new Utf8JsonReader(text);
            if (!reader.Read()) return false;
            reader.Skip();
            end = (int)reader.BytesConsumed;
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_is_accepted_as_one_value_exactly_when_the_reader_accepts_it_and_ends_where_the_reader_ends_it(string json)
    {
        var text = Encoding.UTF8.GetBytes(json);
        var readerAccepts = ReaderAccepts(text, out var readerEnd);

        var end = -1;
        var scannerAccepts = false;
        try
        {
            end = JsonScanner.Value(text, JsonScanner.SkipWhitespace(text, 0), 0, out _);
            scannerAccepts = JsonScanner.SkipWhitespace(text, end) == text.Length;
        }
        catch (JsonException)
        {
        }

        Assert.Equal(readerAccepts, scannerAccepts);
        if (readerAccepts) Assert.Equal(readerEnd, end);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_list_holding_the_text_is_read_exactly_when_the_reader_accepts_the_list(string json)
    {
        var body = Encoding.UTF8.GetBytes($"[{{\"id\":\"x\"}}, {json} ,{{\"id\":\"y\"}}]");
        var readerAccepts = ReaderAccepts(body, out _);

        var ids = new List<string>();
        var read = false;
        try
        {
            var items = ListItems<JObject>.Find(body, null, null, "GET /x", out _);
            var batch = new List<JObject>();
            bool more;
            do
            {
                more = items.ReadBatch(ItemReader.Objects, batch, 2);
                ids.AddRange(batch.Select(item => item["id"]?.ToString() ?? "?"));
            } while (more);
            read = true;
        }
        catch (JsonException)
        {
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
        }

        Assert.Equal(readerAccepts, read);
        if (read) Assert.Equal(["x", "y"], ids.Where(id => id != "?"));
    }

    [Fact]
    public void A_string_tells_whether_its_text_holds_escapes()
    {
        JsonScanner.String("\"plain\""u8, 0, out var plainHasEscapes);
        JsonScanner.String("\"a\\\"b\""u8, 0, out var escapedHasEscapes);

        Assert.False(plainHasEscapes);
        Assert.True(escapedHasEscapes);
    }
}

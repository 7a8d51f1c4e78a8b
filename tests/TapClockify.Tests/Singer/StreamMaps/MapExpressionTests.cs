using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.StreamMaps;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer.StreamMaps;

public class MapExpressionTests
{
    private static readonly JObject Properties = (JObject)TapJson.Parse("""
    {
      "id": {"type": "string"},
      "email": {"type": ["null", "string"]},
      "name": {"type": ["null", "string"]},
      "archived": {"type": ["null", "boolean"]},
      "amount": {"type": ["null", "number"]},
      "count": {"type": ["null", "integer"]},
      "tagids": {"type": ["null", "array"], "items": {"type": "string"}},
      "note": {"type": ["null", "string"]},
      "start": {"type": ["null", "string"], "format": "date-time"}
    }
    """);

    private static readonly JObject Record = (JObject)TapJson.Parse("""
    {"id": "u1", "email": "Ann.Lee@Example.com", "name": " Ann  Lee ", "archived": false, "amount": 12.5, "count": 7,
     "tagids": ["t1", "t2"], "note": null, "start": "2024-01-02T03:04:05Z"}
    """);

    private static readonly JObject Config = (JObject)TapJson.Parse("""{"hash_seed": "s33d", "limits": {"max": 3}, "domains": ["example.com"]}""");

    private static MapScope Scope(string? self = null) =>
        new(Properties.Properties().Select(p => p.Name).ToList(), Properties, Config, self);

    private static MapNode Parse(string expression, string? self = null) => MapExpressionParser.Parse(expression, Scope(self));

    private static JToken Evaluate(string expression, JObject? record = null, string? self = null)
    {
        var values = Properties.Properties().Select(p => JsonFragment.FromToken((record ?? Record)[p.Name])).ToArray();
        return Parse(expression, self).Evaluate(values).ToFragment().ToToken();
    }

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Md5_is_the_hex_digest_of_the_utf8_text_as_the_sdk_computes_it()
    {
        Assert.Equal(Md5Hex("Ann.Lee@Example.com"), Evaluate("md5(email)").ToString());
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", Evaluate("md5('hello')").ToString());
        Assert.Equal(Md5Hex("s33dAnn.Lee@Example.com"), Evaluate("md5(config['hash_seed'] + email)").ToString());
        var escaped = new JObject(Record) { ["email"] = "zoë\"quote\"@example.com" };
        Assert.Equal(Md5Hex("zoë\"quote\"@example.com"), Evaluate("md5(email)", escaped).ToString());
    }

    [Fact]
    public void Names_record_and_underscore_read_the_same_property_and_self_reads_the_property_being_set()
    {
        Assert.Equal("u1", Evaluate("id").ToString());
        Assert.Equal("u1", Evaluate("record['id']").ToString());
        Assert.Equal("u1", Evaluate("_[\"id\"]").ToString());
        Assert.Equal("ANN.LEE@EXAMPLE.COM", Evaluate("self.upper()", self: "email").ToString());
        Assert.Equal("u1", ((JObject)Evaluate("record"))["id"]!.ToString());
    }

    [Fact]
    public void Literals_arithmetic_and_precedence_follow_python()
    {
        Assert.Equal(7L, Evaluate("1 + 2 * 3"));
        Assert.Equal(9L, Evaluate("(1 + 2) * 3"));
        Assert.Equal(2.5, Evaluate("5 / 2"));
        Assert.Equal(-3L, Evaluate("-7 // 3"));
        Assert.Equal(2L, Evaluate("-7 % 3"));
        Assert.Equal(25.0, Evaluate("amount * 2"));
        Assert.Equal(8L, Evaluate("count + True"));
        Assert.Equal("ab", Evaluate("'a' + \"b\"").ToString());
        Assert.Equal("it's\n", Evaluate("'it\\'s\\n'").ToString());
        Assert.Equal(JTokenType.Null, Evaluate("None").Type);
        Assert.Equal(0.5, Evaluate(".5"));
        Assert.Equal(1000.0, Evaluate("1e3"));
    }

    [Fact]
    public void Comparisons_chain_and_boolean_operators_return_the_deciding_operand()
    {
        Assert.Equal(true, Evaluate("archived == False"));
        Assert.Equal(false, Evaluate("archived != False"));
        Assert.Equal(true, Evaluate("1 < count <= 7"));
        Assert.Equal(false, Evaluate("1 < count < 7"));
        Assert.Equal(true, Evaluate("start >= '2024-01-01'"));
        Assert.Equal(true, Evaluate("1 == 1.0"));
        Assert.Equal(true, Evaluate("not archived"));
        Assert.Equal("fallback", Evaluate("note or 'fallback'").ToString());
        Assert.Equal(false, Evaluate("archived and int(email)"));
        Assert.Equal(true, Evaluate("'Lee' in name and 't1' in tagids and 'x' not in tagids"));
        Assert.Equal(true, Evaluate("email.split('@')[-1].lower() in config['domains']"));
        Assert.Equal(true, Evaluate("count in [1, 7]"));
        Assert.Equal("yes", Evaluate("'yes' if count > 5 else 'no'").ToString());
    }

    [Fact]
    public void A_null_stays_null_through_functions_methods_and_arithmetic_and_compares_false_when_ordered()
    {
        Assert.Equal(JTokenType.Null, Evaluate("md5(note)").Type);
        Assert.Equal(JTokenType.Null, Evaluate("note.lower()").Type);
        Assert.Equal(JTokenType.Null, Evaluate("note + 'x'").Type);
        Assert.Equal(JTokenType.Null, Evaluate("str(note)").Type);
        Assert.Equal(JTokenType.Null, Evaluate("len(note)").Type);
        Assert.Equal(true, Evaluate("note == None"));
        Assert.Equal(false, Evaluate("note < 'a'"));
        Assert.Equal(false, Evaluate("bool(note)"));
    }

    [Fact]
    public void Conversions_and_len_behave_as_python_builtins()
    {
        Assert.Equal(12L, Evaluate("int(amount)"));
        Assert.Equal(42L, Evaluate("int(' 42 ')"));
        Assert.Equal(7.0, Evaluate("float(count)"));
        Assert.Equal(2.5, Evaluate("float('2.5')"));
        Assert.Equal("12.5", Evaluate("str(amount)").ToString());
        Assert.Equal("7.0", Evaluate("str(float(count))").ToString());
        Assert.Equal("1e+16", Evaluate("str(1e16)").ToString());
        Assert.Equal("0.0001", Evaluate("str(0.0001)").ToString());
        Assert.Equal("1e-05", Evaluate("str(0.00001)").ToString());
        Assert.Equal("False", Evaluate("str(archived)").ToString());
        Assert.Equal("['t1', 't2']", Evaluate("str(tagids)").ToString());
        Assert.Equal(true, Evaluate("bool(count)"));
        Assert.Equal(19L, Evaluate("len(email)"));
        Assert.Equal(2L, Evaluate("len(tagids)"));
        Assert.Equal(4L, Evaluate("len('zoë!')"));
    }

    [Fact]
    public void String_methods_indexing_and_slices_behave_as_python()
    {
        Assert.Equal("ann.lee@example.com", Evaluate("email.lower()").ToString());
        Assert.Equal("Ann  Lee", Evaluate("name.strip()").ToString());
        Assert.Equal("Ann  Lee ", Evaluate("name.lstrip()").ToString());
        Assert.Equal("xAx", Evaluate("'--xAx--'.strip('-')").ToString());
        Assert.Equal(new JArray("Ann", "Lee"), Evaluate("name.split()"));
        Assert.Equal(new JArray("a", "b,c"), Evaluate("'a,b,c'.split(',', 1)"));
        Assert.Equal("Ann.Lee at Example.com", Evaluate("email.replace('@', ' at ')").ToString());
        Assert.Equal(true, Evaluate("email.endswith('.com') and email.startswith('Ann')"));
        Assert.Equal("A", Evaluate("email[0]").ToString());
        Assert.Equal("com", Evaluate("email[-3:]").ToString());
        Assert.Equal("Ann", Evaluate("email[:3]").ToString());
        Assert.Equal("t2", Evaluate("tagids[1]").ToString());
        Assert.Equal(3L, Evaluate("config['limits']['max']"));
    }

    [Theory]
    [InlineData("md5(email)", "string")]
    [InlineData("str(count)", "string")]
    [InlineData("int(amount)", "integer")]
    [InlineData("float(count)", "number")]
    [InlineData("len(name)", "integer")]
    [InlineData("count * 2", "integer")]
    [InlineData("amount * 2", "number")]
    [InlineData("archived == False", "boolean")]
    [InlineData("email.split('@')[-1]", "string")]
    [InlineData("'yes' if archived else 1", "string,integer")]
    public void The_schema_type_of_an_expression_is_the_type_it_gives_and_may_be_null(string expression, string types)
    {
        var schema = Parse(expression).Schema;
        Assert.Equal([.. types.Split(','), "null"], schema["type"]!.Select(t => t.ToString()));
    }

    [Fact]
    public void A_plain_property_keeps_its_schema_and_split_declares_string_items()
    {
        Assert.Equal(Properties["start"], Parse("start").Schema);
        Assert.Equal("string", Parse("name.split()").Schema["items"]!["type"]![0]!.ToString());
    }

    [Theory]
    [InlineData("md5(emial)", "unknown name emial: not a property of the stream (or not selected)")]
    [InlineData("sha1(email)", "unknown function sha1(); supported: md5(), str(), int(), float(), bool(), len()")]
    [InlineData("email.title()", "unknown method .title(); supported: .lower(), .upper(), .strip(), .lstrip(), .rstrip(), .split(), .replace(), .startswith(), .endswith()")]
    [InlineData("email.domain", "attributes such as .domain are not supported; only str methods can follow a '.'")]
    [InlineData("md5(count)", "md5() needs a str; hash other values as md5(str(x)), not int")]
    [InlineData("md5(email, 1)", "md5() takes 1 argument, not 2")]
    [InlineData("email.replace('a')", ".replace() takes 2 to 3 arguments, not 1")]
    [InlineData("email + 1", "unsupported operand types for + str and int")]
    [InlineData("email < 3", "< cannot compare str and int")]
    [InlineData("-email", "bad operand type for unary -, not str")]
    [InlineData("count.lower()", ".lower() is a str method, so it needs a str, not int")]
    [InlineData("archived = False", "'=' is not supported (position 10); compare with ==")]
    [InlineData("count ** 2", "'**' is not supported (position 7)")]
    [InlineData("lambda: 1", "'lambda' is not supported at position 1")]
    [InlineData("md5(email", "expected ',' or ')' in md5(), found end of the expression")]
    [InlineData("'open", "the text starting at position 1 has no closing '")]
    [InlineData("count 1", "unexpected '1' at position 7")]
    [InlineData("", "the expression is empty")]
    [InlineData("record[id]", "record[...] needs a quoted property name, such as record['email']")]
    [InlineData("config['missing']", "no key 'missing'")]
    [InlineData("int('abc')", "invalid literal for int(): 'abc'")]
    [InlineData("email if archived", "'if' needs an 'else' (x if condition else y), found end of the expression")]
    [InlineData("self", "self has no meaning in __filter__")]
    [InlineData("md5", "md5 is a function: call it as md5(...)")]
    [InlineData("f'x'", "string prefixes such as f'...' are not supported")]
    public void An_expression_the_tap_cannot_run_is_refused_when_parsed_with_one_clear_reason(string expression, string problem)
    {
        Assert.Equal(problem, Assert.Throws<MapExpressionException>(() => Parse(expression)).Message);
    }

    [Fact]
    public void A_value_that_breaks_an_operation_at_run_time_fails_with_its_reason()
    {
        var record = new JObject(Record) { ["email"] = "x", ["count"] = 0 };
        Assert.Equal("index 5 out of range (length 1)", Assert.Throws<MapExpressionException>(() => Evaluate("email[5]", record)).Message);
        Assert.Equal("integer division by zero", Assert.Throws<MapExpressionException>(() => Evaluate("7 // count", record)).Message);
        Assert.Equal("invalid literal for int(): 'x'", Assert.Throws<MapExpressionException>(() => Evaluate("int(email)", record)).Message);
    }
}

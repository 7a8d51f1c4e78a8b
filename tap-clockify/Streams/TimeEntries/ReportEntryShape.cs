using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// Detailed-report items (NOTES §5.10) as time_entries rows in the per-user endpoint's shape:
/// <c>_id</c> is the id, integer-second durations ISO 8601 text, tag objects tag ids, flat rates in
/// cents rate amounts beside the item's currency. An item is read straight into a row of the
/// report's own columns, which is then mapped value by value.
/// </summary>
public static class ReportEntryShape
{
    // The report item's fields that make an entry, named by the naming rule.
    private static readonly RowLayout ItemLayout = new([
        "_id", "id", "description", "tags", "userid", "billable", "taskid", "projectid",
        "timeinterval__start", "timeinterval__end", "timeinterval__duration", "customfieldvalues", "customfields",
        "type", "kioskid", "rate", "hourlyrate", "costrate", "currency", "islocked", "locked"]);

    private static Row ReadItem(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, Row? reuse) =>
        ColumnNaming.Default.ReadRow(ref reader, json, ItemLayout, reuse);

    /// <summary>Report items as rows of their own columns, each filled again once the caller is past it.</summary>
    public static ItemReader<Row> Items { get; } = new(ReadItem, item => IdOf(item).GetString(), ReusesItems: true);

    private static JsonFragment IdOf(Row item) => FirstPresent(item["_id"], item["id"]);

    /// <summary>Fills <paramref name="entry"/>, a time_entries row, from a report item of the workspace.</summary>
    public static void Fill(Row item, Row entry, JsonFragment workspaceId)
    {
        entry.Clear();
        var id = IdOf(item);
        entry["id"] = id;
        foreach (var field in (string[])["description", "userid", "billable", "taskid", "projectid", "type", "kioskid"])
        {
            entry[field] = item[field];
        }
        entry["workspaceid"] = workspaceId;
        entry["islocked"] = FirstPresent(item["islocked"], item["locked"]);

        var end = item["timeinterval__end"];
        var isRunning = end.IsNullOrAbsent;
        entry["timeinterval_start"] = item["timeinterval__start"];
        entry["timeinterval_end"] = isRunning ? JsonFragment.Null : end;
        entry["timeinterval__duration"] = isRunning ? JsonFragment.Null : Duration(item["timeinterval__duration"]);

        // The per-user endpoint gives null, not [], for an entry without tags.
        entry["tagids"] = TagIds(item["tags"]);
        entry["customfieldvalues"] = item["customfieldvalues"] is { IsAbsent: false } values ? values : CustomFieldValues(item["customfields"], id);

        var currency = item["currency"];
        SetRate(entry, "hourlyrate", FirstPresent(item["rate"], item["hourlyrate"]), currency);
        SetRate(entry, "costrate", item["costrate"], currency);
    }

    private static JsonFragment FirstPresent(JsonFragment first, JsonFragment second) => first.IsAbsent ? second : first;

    /// <summary>Integer seconds become ISO 8601 text; text already in that form stays.</summary>
    private static JsonFragment Duration(JsonFragment duration) => duration.Kind switch
    {
        JsonValueKind.Number => JsonFragment.FromString(IsoDuration.FromSeconds((long)Math.Round(DecimalOf(duration)))),
        JsonValueKind.String => duration,
        _ => JsonFragment.Null,
    };

    /// <summary>The ids of the report's tag objects as a JSON array; null when there are none.</summary>
    private static JsonFragment TagIds(JsonFragment tags)
    {
        if (tags.Kind != JsonValueKind.Array) return JsonFragment.Null;
        var ids = new List<string>();
        var reader = new Utf8JsonReader(tags.Utf8.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isId) ids.Add(Encoding.UTF8.GetString(tags.Utf8.Span[start..(int)reader.BytesConsumed]));
            }
        }
        return ids.Count == 0 ? JsonFragment.Null : new JsonFragment(Encoding.UTF8.GetBytes($"[{string.Join(',', ids)}]"), JsonValueKind.Array);
    }

    /// <summary>The report's custom fields in the per-user endpoint's customFieldValues shape; null when there are none.</summary>
    private static JsonFragment CustomFieldValues(JsonFragment fields, JsonFragment entryId)
    {
        if (fields.Kind != JsonValueKind.Array) return JsonFragment.Null;
        if (IsEmptyArray(fields)) return EmptyArray;
        var values = new JArray(((JArray)fields.ToToken()).OfType<JObject>().Select(f => new JObject
        {
            ["customFieldId"] = f["customFieldId"],
            ["timeEntryId"] = entryId.ToToken(),
            ["value"] = f["value"],
            ["name"] = f["name"],
            ["type"] = f["type"],
        }));
        return JsonFragment.FromToken(values);
    }

    private static readonly JsonFragment EmptyArray = new("[]"u8.ToArray(), JsonValueKind.Array);

    private static bool IsEmptyArray(JsonFragment array) => array.Utf8.Span[1..^1].Trim(" \t\r\n"u8).IsEmpty;

    /// <summary>
    /// Report money is a number of cents (10500.0) beside one currency; the core API's is
    /// {amount, currency}, here its two columns. A whole amount is written as an integer.
    /// </summary>
    private static void SetRate(Row entry, string rate, JsonFragment value, JsonFragment currency)
    {
        switch (value.Kind)
        {
            case JsonValueKind.Object:
                var whole = (JObject)value.ToToken();
                entry[rate + "__amount"] = JsonFragment.FromToken(whole["amount"]);
                entry[rate + "__currency"] = JsonFragment.FromToken(whole["currency"]);
                break;
            case JsonValueKind.Number:
                var cents = DecimalOf(value);
                entry[rate + "__amount"] = cents % 1 == 0 ? JsonFragment.FromNumberText(((long)cents).ToString(CultureInfo.InvariantCulture)) : value;
                entry[rate + "__currency"] = currency.IsAbsent ? JsonFragment.Null : currency;
                break;
        }
    }

    private static decimal DecimalOf(JsonFragment number) =>
        decimal.Parse(Encoding.UTF8.GetString(number.Utf8.Span), NumberStyles.Float, CultureInfo.InvariantCulture);
}

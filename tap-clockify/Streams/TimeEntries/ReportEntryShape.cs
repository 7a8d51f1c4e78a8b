using System.Buffers;
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

    // Where each of those fields sits in an item's row.
    private static readonly int ItemId = ItemLayout.IndexOf("_id"), ItemCoreId = ItemLayout.IndexOf("id"), Tags = ItemLayout.IndexOf("tags"),
        Start = ItemLayout.IndexOf("timeinterval__start"), End = ItemLayout.IndexOf("timeinterval__end"), Duration = ItemLayout.IndexOf("timeinterval__duration"),
        CustomFieldValuesGiven = ItemLayout.IndexOf("customfieldvalues"), CustomFields = ItemLayout.IndexOf("customfields"), Rate = ItemLayout.IndexOf("rate"),
        HourlyRate = ItemLayout.IndexOf("hourlyrate"), CostRate = ItemLayout.IndexOf("costrate"), Currency = ItemLayout.IndexOf("currency"),
        IsLocked = ItemLayout.IndexOf("islocked"), Locked = ItemLayout.IndexOf("locked");

    // The fields an entry takes from the item unchanged, by the same name.
    private static readonly string[] SameFields = ["description", "userid", "billable", "taskid", "projectid", "type", "kioskid"];
    private static readonly int[] SameFieldsInItem = SameFields.Select(ItemLayout.IndexOf).ToArray();

    private static Row ReadItem(ReadOnlySpan<byte> json, int start, out int end, Row? reuse) =>
        ColumnNaming.Default.ReadRow(json, start, out end, ItemLayout, reuse);

    /// <summary>Report items as rows of their own columns, each filled again once the caller is past it.</summary>
    public static ItemReader<Row> Items { get; } = new(ReadItem, item => IdOf(item).GetString(), ReusesItems: true);

    private static JsonFragment IdOf(Row item) => FirstPresent(item, ItemId, ItemCoreId) is var at and >= 0 ? item[at] : default;

    /// <summary>Where a time_entries row's columns sit in its layout, worked out once per layout.</summary>
    private sealed class EntryColumns(RowLayout layout)
    {
        public RowLayout Layout => layout;
        public int[] SameFields { get; } = ReportEntryShape.SameFields.Select(layout.IndexOf).ToArray();
        public int Id { get; } = layout.IndexOf("id");
        public int WorkspaceId { get; } = layout.IndexOf("workspaceid");
        public int IsLocked { get; } = layout.IndexOf("islocked");
        public int Start { get; } = layout.IndexOf("timeinterval_start");
        public int End { get; } = layout.IndexOf("timeinterval_end");
        public int Duration { get; } = layout.IndexOf("timeinterval__duration");
        public int TagIds { get; } = layout.IndexOf("tagids");
        public int CustomFieldValues { get; } = layout.IndexOf("customfieldvalues");
        public (int Amount, int Currency) HourlyRate { get; } = (layout.IndexOf("hourlyrate__amount"), layout.IndexOf("hourlyrate__currency"));
        public (int Amount, int Currency) CostRate { get; } = (layout.IndexOf("costrate__amount"), layout.IndexOf("costrate__currency"));
    }

    private static EntryColumns? s_lastColumns;

    private static EntryColumns ColumnsOf(RowLayout layout)
    {
        var last = Volatile.Read(ref s_lastColumns);
        if (last?.Layout == layout) return last;
        var columns = new EntryColumns(layout);
        Volatile.Write(ref s_lastColumns, columns);
        return columns;
    }

    /// <summary>Fills <paramref name="entry"/>, a time_entries row, from a report item of the workspace.</summary>
    public static void Fill(Row item, Row entry, JsonFragment workspaceId)
    {
        var to = ColumnsOf(entry.Layout);
        entry.Clear();
        var idAt = FirstPresent(item, ItemId, ItemCoreId);
        Copy(item, idAt, entry, to.Id);
        for (var i = 0; i < SameFieldsInItem.Length; i++) Copy(item, SameFieldsInItem[i], entry, to.SameFields[i]);
        entry.SetText(to.WorkspaceId, workspaceId.Utf8.Span, workspaceId.Kind);
        Copy(item, FirstPresent(item, IsLocked, Locked), entry, to.IsLocked);

        Copy(item, Start, entry, to.Start);
        item.TextOf(End, out var endKind);
        if (endKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            entry.SetText(to.End, NullText, JsonValueKind.Null);
            entry.SetText(to.Duration, NullText, JsonValueKind.Null);
        }
        else
        {
            Copy(item, End, entry, to.End);
            SetDuration(item.TextOf(Duration, out var durationKind), durationKind, entry, to.Duration);
        }

        // The per-user endpoint gives null, not [], for an entry without tags.
        SetTagIds(item.TextOf(Tags, out var tagsKind), tagsKind, entry, to.TagIds);
        if (item.TextOf(CustomFieldValuesGiven, out _) is var given && !given.IsEmpty) Copy(item, CustomFieldValuesGiven, entry, to.CustomFieldValues);
        else Set(entry, to.CustomFieldValues, CustomFieldValues(item[CustomFields], idAt >= 0 ? item[idAt] : default));

        var currency = item[Currency];
        SetRate(entry, to.HourlyRate, item[FirstPresent(item, Rate, HourlyRate) is var rateAt and >= 0 ? rateAt : Rate], currency);
        SetRate(entry, to.CostRate, item[CostRate], currency);
    }

    private static ReadOnlySpan<byte> NullText => "null"u8;

    /// <summary>The first of two columns the item has a value in (null included); -1 when it has neither.</summary>
    private static int FirstPresent(Row item, int first, int second)
    {
        item.TextOf(first, out var kind);
        if (kind != JsonValueKind.Undefined) return first;
        item.TextOf(second, out kind);
        return kind != JsonValueKind.Undefined ? second : -1;
    }

    /// <summary>The item's value, as it is, into the entry's column; nothing when the item lacks it.</summary>
    private static void Copy(Row item, int itemColumn, Row entry, int entryColumn)
    {
        if (itemColumn < 0) return;
        var text = item.TextOf(itemColumn, out var kind);
        if (kind != JsonValueKind.Undefined) entry.SetText(entryColumn, text, kind);
    }

    /// <summary>A value made apart into the entry's column; nothing for a column its schema lacks.</summary>
    private static void Set(Row entry, int column, JsonFragment value)
    {
        if (column >= 0) entry[column] = value;
    }

    /// <summary>Integer seconds become ISO 8601 text; text already in that form stays.</summary>
    private static void SetDuration(ReadOnlySpan<byte> duration, JsonValueKind kind, Row entry, int column)
    {
        switch (kind)
        {
            case JsonValueKind.Number:
                Span<byte> text = stackalloc byte[IsoDuration.MaxLength + 2];
                text[0] = (byte)'"';
                var length = IsoDuration.Write((long)Math.Round(DecimalOf(duration)), text[1..]);
                text[length + 1] = (byte)'"';
                entry.SetText(column, text[..(length + 2)], JsonValueKind.String);
                break;
            case JsonValueKind.String:
                entry.SetText(column, duration, kind);
                break;
            default:
                entry.SetText(column, NullText, JsonValueKind.Null);
                break;
        }
    }

    /// <summary>The ids of the report's tag objects as a JSON array; null when there are none.</summary>
    private static void SetTagIds(ReadOnlySpan<byte> tags, JsonValueKind kind, Row entry, int column)
    {
        if (kind != JsonValueKind.Array)
        {
            entry.SetText(column, NullText, JsonValueKind.Null);
            return;
        }
        // The ids, with their commas and brackets, are never longer than the objects they are read from.
        var rented = ArrayPool<byte>.Shared.Rent(tags.Length + 2);
        var ids = rented.AsSpan();
        var length = 0;
        ids[length++] = (byte)'[';
        var reader = new Utf8JsonReader(tags);
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
                if (!isId) continue;
                if (length > 1) ids[length++] = (byte)',';
                var id = tags[start..(int)reader.BytesConsumed];
                id.CopyTo(ids[length..]);
                length += id.Length;
            }
        }
        ids[length++] = (byte)']';
        if (length == 2) entry.SetText(column, NullText, JsonValueKind.Null);
        else entry.SetText(column, ids[..length], JsonValueKind.Array);
        ArrayPool<byte>.Shared.Return(rented);
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
    private static void SetRate(Row entry, (int Amount, int Currency) columns, JsonFragment value, JsonFragment currency)
    {
        switch (value.Kind)
        {
            case JsonValueKind.Object:
                var whole = (JObject)value.ToToken();
                Set(entry, columns.Amount, JsonFragment.FromToken(whole["amount"]));
                Set(entry, columns.Currency, JsonFragment.FromToken(whole["currency"]));
                break;
            case JsonValueKind.Number:
                var cents = DecimalOf(value.Utf8.Span);
                if (cents % 1 == 0)
                {
                    Span<byte> digits = stackalloc byte[24];
                    ((long)cents).TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
                    entry.SetText(columns.Amount, digits[..length], JsonValueKind.Number);
                }
                else entry.SetText(columns.Amount, value.Utf8.Span, JsonValueKind.Number);
                if (currency.IsAbsent) entry.SetText(columns.Currency, NullText, JsonValueKind.Null);
                else entry.SetText(columns.Currency, currency.Utf8.Span, currency.Kind);
                break;
        }
    }

    private static decimal DecimalOf(ReadOnlySpan<byte> number) => decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
}

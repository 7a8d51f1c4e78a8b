using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// Detailed-report items (NOTES §5.10) as time_entries rows in the per-user endpoint's shape:
/// <c>_id</c> is the id, integer-second durations ISO 8601 text, tag objects tag ids, flat rates in
/// cents rate amounts beside the item's currency. An item is read by <see cref="JsonScanner"/>
/// straight from the page's bytes into the row: the row keeps the item's text, its values unchanged
/// as ranges of it, and only the values that change shape are written apart.
/// </summary>
public sealed class ReportEntryShape
{
    // The item's fields that make an entry, by where the naming rule puts them (field names in lower
    // case, timeInterval's fields under "timeinterval__"): "rate" is the flat rate, "hourlyrate" an object.
    private enum Field { Id, CoreId, Description, UserId, Billable, TaskId, ProjectId, Type, KioskId, Tags, Start, End, Duration,
        CustomFieldValues, CustomFields, Rate, HourlyRate, CostRate, Currency, IsLocked, Locked, TimeInterval }

    private static readonly int FieldCount = Enum.GetValues<Field>().Length;

    private static readonly FieldNames ItemFields = new(
    [
        ("_id"u8.ToArray(), Field.Id), ("id"u8.ToArray(), Field.CoreId), ("description"u8.ToArray(), Field.Description),
        ("userid"u8.ToArray(), Field.UserId), ("billable"u8.ToArray(), Field.Billable), ("taskid"u8.ToArray(), Field.TaskId),
        ("projectid"u8.ToArray(), Field.ProjectId), ("type"u8.ToArray(), Field.Type), ("kioskid"u8.ToArray(), Field.KioskId),
        ("tags"u8.ToArray(), Field.Tags), ("customfieldvalues"u8.ToArray(), Field.CustomFieldValues),
        ("customfields"u8.ToArray(), Field.CustomFields), ("rate"u8.ToArray(), Field.Rate), ("hourlyrate"u8.ToArray(), Field.HourlyRate),
        ("costrate"u8.ToArray(), Field.CostRate), ("currency"u8.ToArray(), Field.Currency), ("islocked"u8.ToArray(), Field.IsLocked),
        ("locked"u8.ToArray(), Field.Locked), ("timeinterval"u8.ToArray(), Field.TimeInterval),
    ]);

    private static readonly FieldNames IntervalFields = new([("start"u8.ToArray(), Field.Start), ("end"u8.ToArray(), Field.End), ("duration"u8.ToArray(), Field.Duration)]);

    // The fields an entry takes from the item unchanged, and their columns.
    private static readonly (Field Field, string Column)[] SameFields =
    [
        (Field.Description, "description"), (Field.UserId, "userid"), (Field.Billable, "billable"), (Field.TaskId, "taskid"),
        (Field.ProjectId, "projectid"), (Field.Type, "type"), (Field.KioskId, "kioskid"), (Field.Start, "timeinterval_start"),
    ];

    // The entry's columns, by index into its layout (-1 for a column the schema lacks).
    private readonly (Field Field, int Column)[] _sameColumns;
    private readonly int _id, _workspaceId, _isLocked, _end, _duration, _tagIds, _customFieldValues;
    private readonly (int Amount, int Currency) _hourlyRate, _costRate;

    public ReportEntryShape(RowLayout entries)
    {
        Layout = entries;
        _sameColumns = SameFields.Select(f => (f.Field, entries.IndexOf(f.Column))).ToArray();
        _id = entries.IndexOf("id");
        _workspaceId = entries.IndexOf("workspaceid");
        _isLocked = entries.IndexOf("islocked");
        _end = entries.IndexOf("timeinterval_end");
        _duration = entries.IndexOf("timeinterval__duration");
        _tagIds = entries.IndexOf("tagids");
        _customFieldValues = entries.IndexOf("customfieldvalues");
        _hourlyRate = (entries.IndexOf("hourlyrate__amount"), entries.IndexOf("hourlyrate__currency"));
        _costRate = (entries.IndexOf("costrate__amount"), entries.IndexOf("costrate__currency"));
        Items = new ItemReader<Row>(Read, entry => _id >= 0 ? entry[_id].GetString() : null, ReusesItems: true);
    }

    public RowLayout Layout { get; }

    /// <summary>Report items read as time_entries rows, each filled again once the caller is past it; the workspace id is the caller's to set.</summary>
    public ItemReader<Row> Items { get; }

    /// <summary>Sets the entry's workspace id, which report items do not carry.</summary>
    public void SetWorkspaceId(Row entry, JsonFragment workspaceId) => entry.SetText(_workspaceId, workspaceId.Utf8.Span, workspaceId.Kind);

    /// <summary>Where a field's value lies in the item's text (start and length relative to the item), and its kind; Undefined when absent.</summary>
    private struct Slot
    {
        public int Start, Length;
        public JsonValueKind Kind;
    }

    /// <summary>Reads the report item at <paramref name="start"/> of <paramref name="json"/>, one level inside its list, into a time_entries row.</summary>
    private Row Read(ReadOnlySpan<byte> json, int start, out int end, Row? reuse)
    {
        if (start >= json.Length || json[start] != (byte)'{') throw new JsonException($"expected an object at byte {start}");
        Span<Slot> slots = stackalloc Slot[FieldCount];
        end = ReadObject(json, start, start, depth: 1, ItemFields, slots);
        var item = json[start..end];

        var entry = reuse?.Layout == Layout ? reuse : new Row(Layout);
        entry.Clear();
        entry.KeepText(item);
        var idField = FirstPresent(slots, Field.Id, Field.CoreId);
        Copy(entry, _id, item, slots, idField);
        foreach (var (field, column) in _sameColumns) Copy(entry, column, item, slots, field);
        Copy(entry, _isLocked, item, slots, FirstPresent(slots, Field.IsLocked, Field.Locked));

        if (slots[(int)Field.End].Kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            entry.SetText(_end, NullText, JsonValueKind.Null);
            entry.SetText(_duration, NullText, JsonValueKind.Null);
        }
        else
        {
            Copy(entry, _end, item, slots, Field.End);
            SetDuration(entry, _duration, Text(item, slots[(int)Field.Duration]), slots[(int)Field.Duration].Kind);
        }

        // The per-user endpoint gives null, not [], for an entry without tags.
        SetTagIds(entry, Text(item, slots[(int)Field.Tags]), slots[(int)Field.Tags].Kind);
        if (slots[(int)Field.CustomFieldValues].Kind != JsonValueKind.Undefined) Copy(entry, _customFieldValues, item, slots, Field.CustomFieldValues);
        else if (_customFieldValues >= 0) SetCustomFieldValues(entry, item, slots, idField);

        var currency = slots[(int)Field.Currency];
        SetRate(entry, _hourlyRate, item, slots[(int)(FirstPresent(slots, Field.Rate, Field.HourlyRate) ?? Field.Rate)], currency);
        SetRate(entry, _costRate, item, slots[(int)Field.CostRate], currency);
        return entry;
    }

    /// <summary>
    /// Reads the object at <paramref name="at"/>, checking it is JSON, and notes where the values of
    /// <paramref name="fields"/> lie; returns where it ends. As the naming rule reads rows, a value
    /// already noted is kept unless it is null.
    /// </summary>
    private static int ReadObject(ReadOnlySpan<byte> json, int at, int itemStart, int depth, FieldNames fields, Span<Slot> slots)
    {
        if (depth >= JsonScanner.MaxDepth) throw new JsonException($"the JSON text is nested more than {JsonScanner.MaxDepth} levels deep at byte {at}");
        at = JsonScanner.SkipWhitespace(json, at + 1);
        if (at < json.Length && json[at] == (byte)'}') return at + 1;
        var position = 0;
        do
        {
            var valueStart = JsonScanner.PropertyName(json, at, out var nameEnd, out var nameHasEscapes);
            var named = fields.At(json[(at + 1)..(nameEnd - 1)], nameHasEscapes, position++);
            if (named == Field.TimeInterval)
            {
                at = valueStart < json.Length && json[valueStart] == (byte)'{'
                    ? ReadObject(json, valueStart, itemStart, depth + 1, IntervalFields, slots)
                    : JsonScanner.Value(json, valueStart, depth + 1, out _);
                continue;
            }
            at = JsonScanner.Value(json, valueStart, depth + 1, out var kind);
            if (named is not { } field) continue;
            ref var slot = ref slots[(int)field];
            if (slot.Kind is not (JsonValueKind.Undefined or JsonValueKind.Null)) continue;
            slot.Start = valueStart - itemStart;
            slot.Length = at - valueStart;
            slot.Kind = kind;
        } while (!JsonScanner.AfterMember(json, ref at));
        return at;
    }

    /// <summary>The fields of one level of an item by name, and by position as the last item listed them.</summary>
    private sealed class FieldNames((byte[] Name, Field Field)[] fields)
    {
        // Beyond this many fields an item's order is not remembered.
        private const int PositionsRemembered = 64;

        // Clockify lists an item's fields in one order, so a field is found by one comparison of its
        // name's bytes. Replaced whole, never changed in place: the windows' items are read at once.
        private (byte[] Name, Field? Field)[] _byPosition = [];

        /// <summary>The field a property's name (its text between the quotes) names, the <paramref name="position"/>-th of its object; null for another.</summary>
        public Field? At(ReadOnlySpan<byte> name, bool hasEscapes, int position)
        {
            var known = Volatile.Read(ref _byPosition);
            if (!hasEscapes && position < known.Length && known[position].Name is { } expected && name.SequenceEqual(expected)) return known[position].Field;
            Field? found = null;
            foreach (var (lowerCase, field) in fields)
            {
                if (!NameIs(name, hasEscapes, lowerCase)) continue;
                found = field;
                break;
            }
            if (!hasEscapes && position < PositionsRemembered)
            {
                var updated = new (byte[] Name, Field? Field)[Math.Max(known.Length, position + 1)];
                known.CopyTo(updated, 0);
                updated[position] = (name.ToArray(), found);
                Volatile.Write(ref _byPosition, updated);
            }
            return found;
        }
    }

    /// <summary>True when a property's name (its text between the quotes) is <paramref name="lowerCase"/> in any case, as the naming rule lowers names.</summary>
    private static bool NameIs(ReadOnlySpan<byte> name, bool hasEscapes, ReadOnlySpan<byte> lowerCase)
    {
        if (hasEscapes) return Encoding.UTF8.GetBytes(JsonScanner.Unescaped(name).ToLowerInvariant()).AsSpan().SequenceEqual(lowerCase);
        if (name.Length != lowerCase.Length) return false;
        for (var i = 0; i < name.Length; i++)
        {
            if ((name[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(name[i] | 0x20) : name[i]) != lowerCase[i]) return false;
        }
        return true;
    }

    private static ReadOnlySpan<byte> NullText => "null"u8;

    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> item, Slot slot) => slot.Kind == JsonValueKind.Undefined ? default : item.Slice(slot.Start, slot.Length);

    /// <summary>The field's value as a fragment of its own, on one line; absent when the item lacks it.</summary>
    private static JsonFragment Fragment(ReadOnlySpan<byte> item, ReadOnlySpan<Slot> slots, Field field)
    {
        var slot = slots[(int)field];
        return slot.Kind == JsonValueKind.Undefined ? default : new JsonFragment(OneLine(Text(item, slot), slot.Kind).ToArray(), slot.Kind);
    }

    /// <summary>The first of two fields the item has a value in (null included); null when it has neither.</summary>
    private static Field? FirstPresent(ReadOnlySpan<Slot> slots, Field first, Field second) =>
        slots[(int)first].Kind != JsonValueKind.Undefined ? first : slots[(int)second].Kind != JsonValueKind.Undefined ? second : null;

    /// <summary>The item's value, as it is, into the entry's column; nothing when the item lacks it.</summary>
    private static void Copy(Row entry, int column, ReadOnlySpan<byte> item, ReadOnlySpan<Slot> slots, Field? field)
    {
        if (column < 0 || field is not { } present) return;
        var slot = slots[(int)present];
        if (slot.Kind == JsonValueKind.Undefined) return;
        var value = Text(item, slot);
        if (JsonFragment.SpansLines(value, slot.Kind)) entry[column] = JsonFragment.Compacted(value, slot.Kind);
        else entry.SetTextRange(column, slot.Start, slot.Length, slot.Kind);
    }

    /// <summary>Integer seconds become ISO 8601 text; text already in that form stays.</summary>
    private static void SetDuration(Row entry, int column, ReadOnlySpan<byte> duration, JsonValueKind kind)
    {
        switch (kind)
        {
            case JsonValueKind.Number:
                Span<byte> text = stackalloc byte[IsoDuration.MaxLength + 2];
                text[0] = (byte)'"';
                var seconds = WholeNumber(duration) ?? (long)Math.Round(DecimalOf(duration));
                var length = IsoDuration.Write(seconds, text[1..]);
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
    private void SetTagIds(Row entry, ReadOnlySpan<byte> tags, JsonValueKind kind)
    {
        if (kind != JsonValueKind.Array)
        {
            entry.SetText(_tagIds, NullText, JsonValueKind.Null);
            return;
        }
        // A list spread over lines is read as it is put on one line, as every value kept whole is.
        tags = OneLine(tags, kind);
        // The ids, with their commas and brackets, are never longer than the objects they are read from.
        var rented = ArrayPool<byte>.Shared.Rent(tags.Length + 2);
        var ids = rented.AsSpan();
        var length = 0;
        ids[length++] = (byte)'[';
        // The list was checked whole when the item was read; its items are one level below it, their values two.
        var at = JsonScanner.SkipWhitespace(tags, 1);
        while (at < tags.Length && tags[at] != (byte)']')
        {
            if (tags[at] != (byte)'{') at = JsonScanner.Value(tags, at, depth: 1, out _);
            else if (JsonScanner.SkipWhitespace(tags, at + 1) is var first && tags[first] == (byte)'}') at = first + 1;
            else
            {
                at = first;
                do
                {
                    var nameStart = at;
                    var valueStart = JsonScanner.PropertyName(tags, at, out var nameEnd, out var nameHasEscapes);
                    at = JsonScanner.Value(tags, valueStart, depth: 2, out _);
                    // Only "id" itself, in this case, as the reader's ValueTextEquals matched it.
                    var name = tags[(nameStart + 1)..(nameEnd - 1)];
                    if (!(nameHasEscapes ? JsonScanner.Unescaped(name) == "id" : name.SequenceEqual("id"u8))) continue;
                    if (length > 1) ids[length++] = (byte)',';
                    tags[valueStart..at].CopyTo(ids[length..]);
                    length += at - valueStart;
                } while (!JsonScanner.AfterMember(tags, ref at));
            }
            at = JsonScanner.SkipWhitespace(tags, at);
            if (at < tags.Length && tags[at] == (byte)',') at = JsonScanner.SkipWhitespace(tags, at + 1);
        }
        ids[length++] = (byte)']';
        if (length == 2) entry.SetText(_tagIds, NullText, JsonValueKind.Null);
        else entry.SetText(_tagIds, ids[..length], JsonValueKind.Array);
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>The report's custom fields in the per-user endpoint's customFieldValues shape; null when there are none.</summary>
    private void SetCustomFieldValues(Row entry, ReadOnlySpan<byte> item, ReadOnlySpan<Slot> slots, Field? idField)
    {
        var fields = slots[(int)Field.CustomFields];
        if (fields.Kind != JsonValueKind.Array) entry.SetText(_customFieldValues, NullText, JsonValueKind.Null);
        else if (Text(item, fields)[1..^1].Trim(" \t\r\n"u8).IsEmpty) entry.SetText(_customFieldValues, "[]"u8, JsonValueKind.Array);
        else
        {
            var entryId = idField is { } id ? Fragment(item, slots, id) : default;
            var values = new JArray(((JArray)Fragment(item, slots, Field.CustomFields).ToToken()).OfType<JObject>().Select(f => new JObject
            {
                ["customFieldId"] = f["customFieldId"],
                ["timeEntryId"] = entryId.ToToken(),
                ["value"] = f["value"],
                ["name"] = f["name"],
                ["type"] = f["type"],
            }));
            entry[_customFieldValues] = JsonFragment.FromToken(values);
        }
    }

    /// <summary>
    /// Report money is a number of cents (10500.0) beside one currency; the core API's is
    /// {amount, currency}, here its two columns. A whole amount is written as an integer.
    /// </summary>
    private static void SetRate(Row entry, (int Amount, int Currency) columns, ReadOnlySpan<byte> item, Slot value, Slot currency)
    {
        switch (value.Kind)
        {
            case JsonValueKind.Object:
                var whole = (JObject)TapJson.Parse(Text(item, value));
                Set(entry, columns.Amount, JsonFragment.FromToken(whole["amount"]));
                Set(entry, columns.Currency, JsonFragment.FromToken(whole["currency"]));
                break;
            case JsonValueKind.Number:
                var text = Text(item, value);
                var cents = WholeNumber(text) is { } integer ? integer : DecimalOf(text);
                if (cents % 1 == 0)
                {
                    Span<byte> digits = stackalloc byte[24];
                    ((long)cents).TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
                    entry.SetText(columns.Amount, digits[..length], JsonValueKind.Number);
                }
                else entry.SetText(columns.Amount, text, JsonValueKind.Number);
                if (currency.Kind == JsonValueKind.Undefined) entry.SetText(columns.Currency, NullText, JsonValueKind.Null);
                else entry.SetText(columns.Currency, OneLine(Text(item, currency), currency.Kind), currency.Kind);
                break;
        }
    }

    /// <summary>A value as it is, or an object or array spread over lines put on one.</summary>
    private static ReadOnlySpan<byte> OneLine(ReadOnlySpan<byte> value, JsonValueKind kind) =>
        JsonFragment.SpansLines(value, kind) ? JsonFragment.Compacted(value, kind).Utf8.Span : value;

    /// <summary>A value made apart into the entry's column; nothing for a column its schema lacks.</summary>
    private static void Set(Row entry, int column, JsonFragment value)
    {
        if (column >= 0) entry[column] = value;
    }

    /// <summary>
    /// The value of a number written as a whole one (digits, and a fraction of zeros: 10500, 10500.0),
    /// short enough for a long; null for any other, which <see cref="DecimalOf"/> reads as before.
    /// </summary>
    private static long? WholeNumber(ReadOnlySpan<byte> number)
    {
        var point = number.IndexOf((byte)'.');
        var integer = point < 0 ? number : number[..point];
        if (integer.Length is 0 or > 18 || number.IndexOfAny((byte)'e', (byte)'E') >= 0) return null;
        if (point >= 0 && number[(point + 1)..].IndexOfAnyExcept((byte)'0') >= 0) return null;
        return Utf8Parser.TryParse(integer, out long value, out var consumed) && consumed == integer.Length ? value : null;
    }

    private static decimal DecimalOf(ReadOnlySpan<byte> number) => decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
}

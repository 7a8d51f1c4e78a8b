using System.Text.Json;

namespace TapClockify.Clockify;

/// <summary>
/// The items of a list in a response body, found in a bare or wrapped body and read a batch at a
/// time by <see cref="JsonScanner"/>, which keeps no state between batches but where it is.
/// Works on bytes alone; a body that is not a list, or not whole, throws <see cref="JsonException"/>
/// or <see cref="ClockifyApiException"/>.
/// </summary>
internal sealed class ListItems<T>
{
    private readonly ReadOnlyMemory<byte> _body;
    // A bare list is the whole body, so what follows it must be nothing; a wrapped one was checked whole already.
    private readonly bool _isWholeBody;
    // Where reading goes on: past the list's opening bracket, then past the last item or comma read.
    private int _offset;
    private bool _hasItem;
    private bool _afterComma;

    private ListItems(ReadOnlyMemory<byte> body, int listStart, bool isWholeBody)
    {
        _body = body;
        _offset = listStart + 1;
        _isWholeBody = isWholeBody;
    }

    /// <summary>
    /// Finds the list: the body itself, or at <paramref name="itemsPath"/> of the object it is (a
    /// property name, or names joined by dots for a list wrapped twice, such as "expenses.expenses"),
    /// with the number at <paramref name="totalPath"/> where the answer gives one.
    /// </summary>
    public static ListItems<T> Find(ReadOnlyMemory<byte> body, string? itemsPath, string? totalPath, string request, out long? total)
    {
        total = null;
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read()) throw new JsonException("empty body");
        // A bare list is taken wherever it stands: live answers are bare where the document wraps them.
        if (reader.TokenType == JsonTokenType.StartArray) return new ListItems<T>(body, (int)reader.TokenStartIndex, isWholeBody: true);
        if (itemsPath is not null && reader.TokenType == JsonTokenType.StartObject)
        {
            // The answer is checked whole before any item is handed over, but without its list: the
            // list's end is found by counting brackets, and its items are read and checked once, by ReadBatch.
            if (FindWrapped(body.Span, itemsPath, totalPath, stopAtList: true, out _, out _) is { } listStart)
            {
                var listLength = JsonBrackets.LengthOf(body.Span[listStart..]);
                if (listLength < 0) throw new JsonException("the list does not end");
                var hollow = new byte[body.Length - listLength + 2];
                body.Span[..listStart].CopyTo(hollow);
                "[]"u8.CopyTo(hollow.AsSpan(listStart));
                body.Span[(listStart + listLength)..].CopyTo(hollow.AsSpan(listStart + 2));
                FindWrapped(hollow, itemsPath, totalPath, stopAtList: false, out total, out _);
                return new ListItems<T>(body, listStart, isWholeBody: false);
            }
            FindWrapped(body.Span, itemsPath, totalPath, stopAtList: false, out _, out var said);
            throw new ClockifyApiException(request, 200,
                $"{request} returned no \"{itemsPath}\" list{(said is null ? "" : $" (Clockify: \"{said}\")")}", isTransient: true);
        }

        // Clockify sometimes answers 200 with {"code":..,"message":..} where a list belongs.
        var other = TapJson.Parse(body.Span);
        var message = ClockifyFailures.MessageOf(other);
        throw new ClockifyApiException(request, 200,
            $"HTTP 200 from {request} returned {(message is null ? "a JSON " + other.Type.ToString().ToLowerInvariant() : $"an error (Clockify: \"{message}\")")} where a list was expected",
            isTransient: true);
    }

    /// <summary>
    /// Reads an answer object for the list at <paramref name="itemsPath"/>, the number at
    /// <paramref name="totalPath"/> and an error message, checking it is one whole JSON value; with
    /// <paramref name="stopAtList"/>, stops where the list starts. Returns where the list starts; null when there is none.
    /// </summary>
    private static int? FindWrapped(ReadOnlySpan<byte> body, string itemsPath, string? totalPath, bool stopAtList, out long? total, out string? said)
    {
        total = null;
        said = null;
        var reader = new Utf8JsonReader(body);
        reader.Read();
        int? listStart = null;
        // The paths of the objects the reader is inside, outermost first ("" for the body).
        var objects = new List<string> { "" };
        while (objects.Count > 0 && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                objects.RemoveAt(objects.Count - 1);
                continue;
            }
            var name = reader.GetString()!;
            var path = objects[^1].Length == 0 ? name : objects[^1] + "." + name;
            reader.Read();
            // The document spells the report's list "timeEntries", the live API "timeentries".
            if (string.Equals(path, itemsPath, StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartArray)
            {
                listStart = (int)reader.TokenStartIndex;
                if (stopAtList) return listStart;
            }
            else if (totalPath is not null && string.Equals(path, totalPath, StringComparison.OrdinalIgnoreCase)
                && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
            {
                total = number;
            }
            else if (totalPath is not null && reader.TokenType == JsonTokenType.StartArray && IsBelow(totalPath, path + ".0"))
            {
                // A total in the first object of a list, such as the detailed report's "totals.0.entriesCount".
                var first = reader;
                if (first.Read() && first.TokenType == JsonTokenType.StartObject) total = NumberIn(ref first, totalPath[(path.Length + 3)..]);
            }
            else if (reader.TokenType == JsonTokenType.StartObject && (IsBelow(itemsPath, path) || (totalPath is not null && IsBelow(totalPath, path))))
            {
                objects.Add(path);
                continue;
            }
            else if (path == "message" && reader.TokenType == JsonTokenType.String) said = reader.GetString();
            reader.Skip();
        }
        if (reader.Read()) throw new JsonException("more than one JSON value");
        return listStart;
    }

    /// <summary>The whole number an object the reader is at the start of holds at its property <paramref name="name"/>, if any.</summary>
    private static long? NumberIn(ref Utf8JsonReader reader, string name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIt = string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (isIt && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return number;
            reader.Skip();
        }
        return null;
    }

    private static bool IsBelow(string path, string objectPath) => path.StartsWith(objectPath + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Fills <paramref name="batch"/> with up to <paramref name="max"/> items, the ones it holds
    /// given to the item reader to fill again; false once the list has ended.
    /// </summary>
    public bool ReadBatch(ItemReader<T> itemReader, List<T> batch, int max)
    {
        var json = _body.Span;
        var at = _offset;
        var count = 0;
        var more = true;
        while (count < max)
        {
            at = JsonScanner.SkipWhitespace(json, at);
            if (at < json.Length && json[at] == (byte)']' && !_afterComma)
            {
                at++;
                if (_isWholeBody && JsonScanner.SkipWhitespace(json, at) is var next && next < json.Length) throw JsonScanner.Unexpected(json, next);
                more = false;
                break;
            }
            if (_hasItem && !_afterComma)
            {
                if (at >= json.Length || json[at] != (byte)',') throw at >= json.Length ? new JsonException("the list does not end") : JsonScanner.Unexpected(json, at);
                _afterComma = true;
                at++;
                continue;
            }
            if (at >= json.Length) throw new JsonException("the list does not end");
            _hasItem = true;
            _afterComma = false;
            if (json[at] != (byte)'{')
            {
                at = JsonScanner.Value(json, at, depth: 1, out _);
                continue;
            }
            if (count < batch.Count) batch[count] = itemReader.Read(json, at, out at, batch[count]);
            else batch.Add(itemReader.Read(json, at, out at, default));
            count++;
        }
        batch.RemoveRange(count, batch.Count - count);
        _offset = at;
        return more;
    }
}

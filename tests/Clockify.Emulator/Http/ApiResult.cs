using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>What a handler decided to answer; written by <see cref="Responder"/>.</summary>
internal sealed record ApiResult(int Status, Action<JsonWriter> WriteBody, bool? LastPage = null)
{
    public static ApiResult Json(JToken body, int status = 200) => new(status, body.WriteTo);

    /// <summary>A bare JSON array page with the <c>Last-Page</c> header (NOTES §4).</summary>
    public static ApiResult Page(IEnumerable<JToken> items, bool isLastPage) => Array(items) with { LastPage = isLastPage };

    /// <summary>True when <see cref="WriteBody"/> reads nothing of the dataset, so <see cref="Responder"/>
    /// may write the body after releasing the dataset lock.</summary>
    public bool IsDetached { get; init; }

    /// <summary>A page of items already taken out of the dataset (copies, or writers that read nothing
    /// shared; see <see cref="IsDetached"/>).</summary>
    public static ApiResult DetachedPage<T>(IReadOnlyList<T> items, Action<JsonWriter, T> write, bool isLastPage) => new(200, writer =>
    {
        writer.WriteStartArray();
        foreach (var item in items) write(writer, item);
        writer.WriteEndArray();
    }, isLastPage) { IsDetached = true };

    /// <summary>A bare JSON array written item by item, so stored objects are never re-parented.</summary>
    public static ApiResult Array(IEnumerable<JToken> items) => new(200, writer =>
    {
        writer.WriteStartArray();
        foreach (var item in items) item.WriteTo(writer);
        writer.WriteEndArray();
    });

    public static ApiResult Error(int status, string message, int? code)
    {
        var body = new JObject { ["message"] = message };
        if (code is { } value) body["code"] = value;
        return Json(body, status);
    }
}

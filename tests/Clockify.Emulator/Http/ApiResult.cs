using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>What a handler decided to answer; <see cref="Responder"/> has <see cref="WriteBody"/> write
/// the body's UTF-8 bytes into a buffer.</summary>
internal sealed record ApiResult(int Status, Action<Stream> WriteBody, bool? LastPage = null)
{
    /// <summary>A body written by Json.NET, as UTF-8 without a byte-order mark.</summary>
    public static ApiResult Written(Action<JsonWriter> write, int status = 200) => new(status, stream =>
    {
        using var textWriter = new StreamWriter(stream, leaveOpen: true);
        using var jsonWriter = new JsonTextWriter(textWriter);
        write(jsonWriter);
    });

    public static ApiResult Json(JToken body, int status = 200) => Written(body.WriteTo, status);

    /// <summary>A bare JSON array page with the <c>Last-Page</c> header (NOTES §4).</summary>
    public static ApiResult Page(IEnumerable<JToken> items, bool isLastPage) => Array(items) with { LastPage = isLastPage };

    /// <summary>True when <see cref="WriteBody"/> reads nothing of the dataset, so <see cref="Responder"/>
    /// may write the body after releasing the dataset lock.</summary>
    public bool IsDetached { get; init; }

    /// <summary>A page whose writer reads nothing shared (see <see cref="IsDetached"/>).</summary>
    public static ApiResult DetachedPage(Action<Stream> write, bool isLastPage) => new(200, write, isLastPage) { IsDetached = true };

    /// <summary>A bare JSON array written item by item, so stored objects are never re-parented.</summary>
    public static ApiResult Array(IEnumerable<JToken> items) => Written(writer =>
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

using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace Clockify.Emulator;

/// <summary>Runs a handler under the dataset lock and writes its JSON answer.</summary>
internal static class Responder
{
    /// <summary>
    /// The body is serialised while the lock is held, so a concurrent mutation can never tear a
    /// JObject being written; the bytes are then sent without the lock.
    /// </summary>
    public static async Task Respond(HttpContext context, EmulatorDataset dataset, Func<ApiResult> handler)
    {
        ApiResult result;
        MemoryStream buffer;
        lock (dataset.SyncRoot)
        {
            try
            {
                result = handler();
            }
            catch (ApiException error)
            {
                result = ApiResult.Error(error.Status, error.Message, error.Code);
            }
            buffer = Serialize(result);
        }
        await Write(context, result.Status, buffer, result.LastPage);
    }

    public static Task WriteError(HttpContext context, int status, string message, int? code) =>
        Write(context, status, Serialize(ApiResult.Error(status, message, code)), lastPage: null);

    private static MemoryStream Serialize(ApiResult result)
    {
        var buffer = new MemoryStream();
        using var textWriter = new StreamWriter(buffer, leaveOpen: true);
        using var jsonWriter = new JsonTextWriter(textWriter);
        result.WriteBody(jsonWriter);
        return buffer;
    }

    private static async Task Write(HttpContext context, int status, MemoryStream body, bool? lastPage)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (lastPage is { } isLast) context.Response.Headers["Last-Page"] = isLast ? "true" : "false";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }
}

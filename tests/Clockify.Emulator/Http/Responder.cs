using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Runs a handler under the dataset lock and writes its JSON answer.</summary>
internal static class Responder
{
    /// <summary>
    /// Bodies are buffered whole so that Content-Length is sent (and the truncated-body fault can cut
    /// one in half). A page of 5000 time entries is a few MB, so the buffers are reused: a fresh
    /// MemoryStream per response cost regrowing copies and large-object-heap collections. The bag
    /// holds at most as many buffers as responses were ever written at once.
    /// </summary>
    private static readonly ConcurrentBag<MemoryStream> Buffers = [];

    /// <summary>
    /// A body that reads the dataset is serialised while the lock is held, so a concurrent mutation
    /// can never tear a JObject being written; a detached body (<see cref="ApiResult.IsDetached"/>)
    /// is serialised after the lock is released, so large pages are written in parallel.
    /// </summary>
    public static async Task Respond(HttpContext context, EmulatorDataset dataset, Func<ApiResult> handler)
    {
        ApiResult result;
        MemoryStream? body = null;
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
            if (!result.IsDetached) body = Serialize(result);
        }
        body ??= Serialize(result);
        await Write(context, result.Status, body, result.LastPage);
    }

    public static Task WriteError(HttpContext context, int status, string message, int? code) =>
        Write(context, status, Serialize(ApiResult.Error(status, message, code)), lastPage: null);

    private static MemoryStream Serialize(ApiResult result)
    {
        var buffer = Buffers.TryTake(out var reused) ? reused : new MemoryStream();
        result.WriteBody(buffer);
        return buffer;
    }

    /// <summary>Sends the body and returns its buffer for reuse; the response stream has copied the
    /// bytes once the write completes.</summary>
    private static async Task Write(HttpContext context, int status, MemoryStream body, bool? lastPage)
    {
        try
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (lastPage is { } isLast) context.Response.Headers["Last-Page"] = isLast ? "true" : "false";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
        }
        finally
        {
            body.SetLength(0);
            Buffers.Add(body);
        }
    }
}

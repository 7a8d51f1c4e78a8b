using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Adds every request to the <see cref="RequestLog"/> once it has been answered.</summary>
internal static class RequestRecording
{
    private const string FaultItem = "Clockify.Emulator.Fault";
    private const string DroppedItem = "Clockify.Emulator.Dropped";

    public static void MarkFault(HttpContext context, string fault) => context.Items[FaultItem] = fault;

    /// <summary>The connection was aborted before any response; recorded with status 0.</summary>
    public static void MarkDropped(HttpContext context) => context.Items[DroppedItem] = true;

    /// <summary>
    /// Records when the response starts, i.e. before the client can see it, so a test that has
    /// just received a response always finds it in the log; requests that never start a
    /// response (dropped connections) are recorded when the pipeline ends.
    /// </summary>
    public static async Task Invoke(HttpContext context, RequestDelegate next, RequestLog log)
    {
        var recorded = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 1) return;
            var dropped = context.Items.ContainsKey(DroppedItem);
            log.Add(new ServedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                dropped ? 0 : context.Response.StatusCode,
                context.Request.Headers[ApiKeyCheck.HeaderName].FirstOrDefault(),
                context.Items.TryGetValue(FaultItem, out var fault) ? (string?)fault : null));
        }

        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Record();
        }
    }
}

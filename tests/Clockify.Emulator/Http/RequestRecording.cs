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

    public static async Task Invoke(HttpContext context, RequestDelegate next, RequestLog log)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var dropped = context.Items.ContainsKey(DroppedItem);
            log.Add(new ServedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                dropped ? 0 : context.Response.StatusCode,
                context.Request.Headers[ApiKeyCheck.HeaderName].FirstOrDefault(),
                context.Items.TryGetValue(FaultItem, out var fault) ? (string?)fault : null));
        }
    }
}

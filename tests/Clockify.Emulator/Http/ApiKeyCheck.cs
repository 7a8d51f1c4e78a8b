using Microsoft.AspNetCore.Http;

namespace Clockify.Emulator;

/// <summary>Every route needs a known X-Api-Key (header names are case-insensitive, NOTES §2).</summary>
internal static class ApiKeyCheck
{
    public const string HeaderName = "X-Api-Key";

    public static async Task Invoke(HttpContext context, Func<Task> next, EmulatorDataset dataset)
    {
        var apiKey = context.Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(apiKey))
        {
            await Responder.WriteError(context, 401, "Full authentication is required to access this resource", 1000);
            return;
        }
        string? userId;
        lock (dataset.SyncRoot) dataset.UserIdsByApiKey.TryGetValue(apiKey, out userId);
        if (userId == null)
        {
            await Responder.WriteError(context, 401, "Api key does not exist", 4003);
            return;
        }
        Caller.SetUserId(context, userId);
        await next();
    }
}

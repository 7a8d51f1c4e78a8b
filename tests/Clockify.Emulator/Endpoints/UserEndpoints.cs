using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>GET /v1/user: the key's own user (NOTES §5.1).</summary>
internal static class UserEndpoints
{
    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet("/api/v1/user", (HttpContext context) => Responder.Respond(context, dataset, () =>
        {
            var userId = Caller.UserId(context);
            var copies = dataset.Workspaces.Select(w => w.FindUser(userId)).OfType<JObject>().ToList();
            var user = (JObject)copies[0].DeepClone();
            // include-memberships=true lists the memberships of every workspace the user belongs to.
            user["memberships"] = Query.Bool(context, "include-memberships") == true
                ? new JArray(copies.SelectMany(c => c["memberships"]!.Select(m => m.DeepClone())))
                : new JArray();
            return ApiResult.Json(user);
        }));
    }
}

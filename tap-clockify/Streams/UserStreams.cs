using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams;

public sealed class UsersStream : ClockifyStream
{
    /// <summary>Every account status of the official document's AccountStatus.</summary>
    public static readonly string AccountStatuses = "ACTIVE,PENDING_EMAIL_VERIFICATION,DELETED,NOT_REGISTERED,LIMITED,LIMITED_DELETED";

    public override string Name => "users";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/users";

    // Without these the API leaves out inactive, declined and deleted people and all memberships;
    // include-roles is marked required in the document.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
    [[
        Query("status", "ALL"),
        Query("account-statuses", AccountStatuses),
        Query("memberships", "ALL"),
        Query("include-roles", "false"),
    ]];

    // The reference layout drops the settings__ prefix of summaryReportSettings.
    protected override ColumnNaming Naming { get; } = new(("settings__summaryreportsettings__", "summaryreportsettings"));

    public override PartitionContext ChildContext(JObject apiObject, PartitionContext context) =>
        context with { UserId = apiObject["id"]!.ToString() };
}

/// <summary>One row per item of a user's memberships, cut from the users stream's objects.</summary>
public sealed class UsersMembershipsStream : ClockifyStream
{
    public override string Name => "users_memberships";
    public override string ParentName => "users";
    public override IReadOnlyList<string> KeyProperties => ["user_id", "targetid", "membershiptype"];

    // The reference layout writes the membership's rate as hourlyrate_amount (one underscore).
    protected override ColumnNaming Naming { get; } = new(("hourlyrate__", "hourlyrate_"));

    public override IEnumerable<Row> ToRows(JObject user, PartitionContext context)
    {
        if (user["memberships"] is not JArray memberships) yield break;
        foreach (var membership in memberships.OfType<JObject>())
        {
            var row = Naming.Flatten(membership, Layout);
            row["user_id"] = JsonFragment.FromToken(membership["userId"] is JValue { Type: JTokenType.String } userId ? userId : user["id"]);
            yield return row;
        }
    }
}

using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Embedded;

namespace TapClockify.Streams;

/// <summary>
/// One row per custom-field value of a user, cut from the user's <c>customFields</c> (items
/// {customFieldId, customFieldName, customFieldType, userId, value}); a list the workspace's users
/// answer leaves out gives no rows.
/// </summary>
public sealed class UsersCustomFieldsStream : EmbeddedItemsStream
{
    public override string Name => "users_custom_fields";
    public override string ParentName => "users";
    public override IReadOnlyList<string> KeyProperties => ["user_id", "customfield_id"];
    protected override string ItemsProperty => "customFields";
    protected override string ParentIdColumn => "user_id";

    protected override void Complete(Row row, JObject value)
    {
        // The value's own userId when it has one, else the user it came with.
        if (value["userId"] is JValue { Type: JTokenType.String } userId) row["user_id"] = JsonFragment.FromToken(userId);
        row["customfield_id"] = JsonFragment.FromToken(value["customFieldId"]);
        row["value"] = CustomFieldValue.AsText(value["value"]);
    }
}

/// <summary>
/// GET /workspaces/{ws}/member-profile/{userId}: one object per user (live). Off by default, as it
/// costs a request per user. hasPassword is left out: security metadata of no analytic use.
/// </summary>
public sealed class MemberProfilesStream : ClockifyStream
{
    public override string Name => "member_profiles";
    public override string ParentName => "users";
    public override IReadOnlyList<string> KeyProperties => ["workspace_id", "user_id"];
    public override string Path => "workspaces/{workspaceId}/member-profile/{userId}";
    public override bool IsSingleObject => true;
    public override bool IsSelectedByDefault => false;

    public override IEnumerable<Row> ToRows(JObject profile, PartitionContext context)
    {
        var row = Naming.Flatten(profile, Layout);
        row["workspace_id"] = JsonFragment.FromString(context.WorkspaceId);
        row["user_id"] = JsonFragment.FromString(context.UserId!);
        yield return row;
    }
}

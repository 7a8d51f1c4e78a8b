using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Embedded;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// One row per custom-field value of a time entry, cut from its <c>customFieldValues</c> (items
/// {customFieldId, timeEntryId, value, name, type}); an entry whose list is null or empty has none.
/// The detailed report gives only {customFieldId, value}, so name and type are null from that source.
/// </summary>
public sealed class TimeEntriesCustomFieldsStream : ClockifyStream
{
    public override string Name => "time_entries_custom_fields";
    public override string ParentName => "time_entries";
    public override IReadOnlyList<string> KeyProperties => ["timeentry_id", "customfield_id"];
    // Written whenever its parent entry is, so it is as incremental as the parent.
    public override ReplicationMethod Replication => ReplicationMethod.Incremental;

    /// <summary>The custom-field rows of one time entry row.</summary>
    public IEnumerable<Row> RowsFor(Row entry) => RowsFor(entry["id"], CustomFieldValue.ObjectsIn(entry["customfieldvalues"]), deletedAt: null);

    /// <summary>The rows of an entry deleted at <paramref name="deletedAt"/>, from what its deleted document kept.</summary>
    public IEnumerable<Row> DeletedRowsFor(JObject entry, DateTimeOffset deletedAt) =>
        RowsFor(JsonFragment.FromToken(entry["id"]), (entry["customFieldValues"] as JArray)?.OfType<JObject>() ?? [], deletedAt);

    private IEnumerable<Row> RowsFor(JsonFragment entryId, IEnumerable<JObject> values, DateTimeOffset? deletedAt)
    {
        var seen = new HashSet<string>();
        foreach (var value in values)
        {
            if (value["customFieldId"] is not JValue { Type: JTokenType.String } fieldId || !seen.Add(fieldId.ToString())) continue;
            var row = new Row(Layout)
            {
                // The parent's id: live items may carry timeEntryId null.
                ["timeentry_id"] = entryId,
                ["customfield_id"] = JsonFragment.FromToken(fieldId),
                ["value"] = CustomFieldValue.AsText(value["value"]),
                ["name"] = JsonFragment.FromToken(value["name"]),
                ["type"] = JsonFragment.FromToken(value["type"]),
            };
            if (deletedAt is { } at) row["_sdc_deleted_at"] = JsonFragment.FromString(Timestamps.ForState(at));
            yield return row;
        }
    }
}

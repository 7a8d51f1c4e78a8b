using Newtonsoft.Json.Linq;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// A detailed-report item in the per-user endpoint's shape (NOTES §5.10): <c>_id</c> becomes id,
/// integer-second durations ISO 8601 text, tag objects tagIds, flat rates in cents rate objects.
/// </summary>
public static class ReportEntryShape
{
    public static JObject ToTimeEntry(JObject item, string workspaceId)
    {
        var id = item["_id"] ?? item["id"];
        var interval = item["timeInterval"] as JObject;
        var end = interval?["end"];
        var isRunning = end is null || end.Type == JTokenType.Null;
        var tagIds = (item["tags"] as JArray)?.OfType<JObject>().Select(t => t["id"]).Where(t => t is not null).ToList();
        var currency = item["currency"];

        return new JObject
        {
            ["id"] = id,
            ["description"] = item["description"],
            // The per-user endpoint gives null, not [], for an entry without tags.
            ["tagIds"] = tagIds is { Count: > 0 } ? new JArray(tagIds) : JValue.CreateNull(),
            ["userId"] = item["userId"],
            ["billable"] = item["billable"],
            ["taskId"] = item["taskId"],
            ["projectId"] = item["projectId"],
            ["workspaceId"] = workspaceId,
            ["timeInterval"] = new JObject
            {
                ["start"] = interval?["start"],
                ["end"] = isRunning ? JValue.CreateNull() : end,
                ["duration"] = isRunning ? JValue.CreateNull() : Duration(interval?["duration"]),
            },
            ["customFieldValues"] = item["customFieldValues"] ?? CustomFieldValues(item["customFields"] as JArray, id),
            ["type"] = item["type"],
            ["kioskId"] = item["kioskId"],
            ["hourlyRate"] = Rate(item["rate"] ?? item["hourlyRate"], currency),
            ["costRate"] = Rate(item["costRate"], currency),
            ["isLocked"] = item["isLocked"] ?? item["locked"],
        };
    }

    /// <summary>Integer seconds become ISO 8601 text; text already in that form stays.</summary>
    private static JToken Duration(JToken? duration) => duration switch
    {
        JValue { Type: JTokenType.Integer or JTokenType.Float } seconds => IsoDuration.FromSeconds((long)Math.Round(seconds.Value<decimal>())),
        JValue { Type: JTokenType.String } text => text,
        _ => JValue.CreateNull(),
    };

    /// <summary>Report money is a number of cents (10500.0) beside one currency; the core API's is {amount, currency}.</summary>
    private static JToken Rate(JToken? rate, JToken? currency) => rate switch
    {
        JObject whole => whole,
        JValue { Type: JTokenType.Integer or JTokenType.Float } cents => new JObject
        {
            ["amount"] = cents.Value<decimal>() % 1 == 0 ? new JValue((long)cents.Value<decimal>()) : cents,
            ["currency"] = currency,
        },
        _ => JValue.CreateNull(),
    };

    private static JToken CustomFieldValues(JArray? fields, JToken? entryId) =>
        fields is null
            ? JValue.CreateNull()
            : new JArray(fields.OfType<JObject>().Select(f => new JObject
            {
                ["customFieldId"] = f["customFieldId"],
                ["timeEntryId"] = entryId,
                ["value"] = f["value"],
                ["name"] = f["name"],
                ["type"] = f["type"],
            }));
}

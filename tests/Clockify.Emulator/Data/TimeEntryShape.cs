using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>What a new time entry holds; unset references are null, as live (NOTES §5.9).</summary>
public sealed record TimeEntryDraft(string UserId, DateTimeOffset Start, DateTimeOffset? End)
{
    public string Description { get; init; } = "";
    public string? ProjectId { get; init; }
    public string? TaskId { get; init; }

    /// <summary>Null (not an empty list) when the entry has no tags, as live.</summary>
    public IReadOnlyList<string>? TagIds { get; init; }

    public bool Billable { get; init; }

    /// <summary>REGULAR | BREAK | HOLIDAY | TIME_OFF.</summary>
    public string Type { get; init; } = "REGULAR";

    public string? KioskId { get; init; }
    public JArray? CustomFieldValues { get; init; }
}

/// <summary>Builds TimeEntryWithRatesDtoV1 objects in the live key order (NOTES §5.9).</summary>
internal static class TimeEntryShape
{
    public static JObject Create(string id, EmulatorWorkspace workspace, TimeEntryDraft draft, JToken hourlyRate, JToken costRate)
    {
        using var writer = new JTokenWriter();
        Write(writer, id, workspace.Id, draft, hourlyRate, costRate, workspace.IsLockedAt(draft.Start));
        return (JObject)writer.Token!;
    }

    /// <summary>Writes the entry straight to JSON from its values alone, never reading the workspace: the
    /// large dataset pages this way without building JObjects and without holding the dataset lock.</summary>
    public static void Write(JsonWriter writer, string id, string workspaceId, TimeEntryDraft draft, JToken hourlyRate, JToken costRate, bool isLocked)
    {
        writer.WriteStartObject();
        Property(writer, "id", id);
        Property(writer, "description", draft.Description);
        writer.WritePropertyName("tagIds");
        if (draft.TagIds is { Count: > 0 } tagIds)
        {
            writer.WriteStartArray();
            foreach (var tagId in tagIds) writer.WriteValue(tagId);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull();
        }
        Property(writer, "userId", draft.UserId);
        writer.WritePropertyName("billable");
        writer.WriteValue(draft.Billable);
        Property(writer, "taskId", draft.TaskId);
        Property(writer, "projectId", draft.ProjectId);
        Property(writer, "workspaceId", workspaceId);
        writer.WritePropertyName("timeInterval");
        writer.WriteStartObject();
        Property(writer, "start", Timestamps.Format(draft.Start));
        Property(writer, "end", draft.End is { } end ? Timestamps.Format(end) : null);
        Property(writer, "duration", draft.End is { } finish ? IsoDuration.Format(finish - draft.Start) : null);
        writer.WriteEndObject();
        writer.WritePropertyName("customFieldValues");
        writer.WriteStartArray();
        foreach (var value in draft.CustomFieldValues ?? [])
        {
            var withEntryId = (JObject)value.DeepClone();
            withEntryId["timeEntryId"] = id;
            withEntryId.WriteTo(writer);
        }
        writer.WriteEndArray();
        Property(writer, "type", draft.Type);
        Property(writer, "kioskId", draft.KioskId);
        writer.WritePropertyName("hourlyRate");
        hourlyRate.WriteTo(writer);
        writer.WritePropertyName("costRate");
        costRate.WriteTo(writer);
        writer.WritePropertyName("isLocked");
        writer.WriteValue(isLocked);
        writer.WriteEndObject();
    }

    /// <summary>Writes a string property, or a true JSON null.</summary>
    private static void Property(JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        if (value == null) writer.WriteNull();
        else writer.WriteValue(value);
    }

    /// <summary>A running timer has end and duration null (NOTES §6).</summary>
    public static JObject Interval(DateTimeOffset start, DateTimeOffset? end) => new()
    {
        ["start"] = Timestamps.Format(start),
        ["end"] = JsonText.OrNull(end is { } stop ? Timestamps.Format(stop) : null),
        ["duration"] = JsonText.OrNull(end is { } finish ? IsoDuration.Format(finish - start) : null),
    };

    public static DateTimeOffset Start(JObject entry) =>
        Timestamps.TryParse((string?)entry["timeInterval"]?["start"], out var start) ? start : DateTimeOffset.MinValue;

    public static DateTimeOffset? End(JObject entry) =>
        Timestamps.TryParse((string?)entry["timeInterval"]?["end"], out var end) ? end : null;
}

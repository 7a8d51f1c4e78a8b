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

    /// <summary>
    /// What <see cref="Write(JsonWriter, string, string, TimeEntryDraft, JToken, JToken, bool)"/> writes,
    /// straight to UTF-8 (the rates given as their JSON text) and without the closing brace, so that
    /// a hydrated page can add its fields: the large dataset's pages are written this way, a few
    /// times cheaper than through Json.NET. Every value but the id recurs over a page.
    /// </summary>
    public static void WriteOpen(JsonBytes output, string id, string workspaceId, TimeEntryDraft draft, ReadOnlySpan<byte> hourlyRate,
        ReadOnlySpan<byte> costRate, bool isLocked)
    {
        output.Raw("{\"id\":"u8);
        output.String(id);
        output.Raw(",\"description\":"u8);
        output.RepeatedString(draft.Description);
        output.Raw(",\"tagIds\":"u8);
        if (draft.TagIds is { Count: > 0 } tagIds)
        {
            output.Raw("["u8);
            for (var i = 0; i < tagIds.Count; i++)
            {
                if (i > 0) output.Raw(","u8);
                output.RepeatedString(tagIds[i]);
            }
            output.Raw("]"u8);
        }
        else
        {
            output.Raw("null"u8);
        }
        output.Raw(",\"userId\":"u8);
        output.RepeatedString(draft.UserId);
        output.Raw(",\"billable\":"u8);
        output.Bool(draft.Billable);
        output.Raw(",\"taskId\":"u8);
        output.RepeatedString(draft.TaskId);
        output.Raw(",\"projectId\":"u8);
        output.RepeatedString(draft.ProjectId);
        output.Raw(",\"workspaceId\":"u8);
        output.RepeatedString(workspaceId);
        output.Raw(",\"timeInterval\":{\"start\":"u8);
        output.Timestamp(draft.Start);
        output.Raw(",\"end\":"u8);
        if (draft.End is { } end) output.Timestamp(end);
        else output.Raw("null"u8);
        output.Raw(",\"duration\":"u8);
        if (draft.End is { } finish) output.Duration(finish - draft.Start);
        else output.Raw("null"u8);
        output.Raw("},\"customFieldValues\":["u8);
        var first = true;
        foreach (var value in draft.CustomFieldValues ?? [])
        {
            if (!first) output.Raw(","u8);
            first = false;
            var withEntryId = (JObject)value.DeepClone();
            withEntryId["timeEntryId"] = id;
            output.Raw(withEntryId.ToString(Formatting.None));
        }
        output.Raw("],\"type\":"u8);
        output.RepeatedString(draft.Type);
        output.Raw(",\"kioskId\":"u8);
        output.RepeatedString(draft.KioskId);
        output.Raw(",\"hourlyRate\":"u8);
        output.Raw(hourlyRate);
        output.Raw(",\"costRate\":"u8);
        output.Raw(costRate);
        output.Raw(",\"isLocked\":"u8);
        output.Bool(isLocked);
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

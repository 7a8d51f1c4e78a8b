using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Deterministic, varied time entries for one user: spread over the ~400 days before "now",
/// starts at awkward times such as 23:30Z (a different local day in most time zones), empty
/// descriptions, null tags, project and task, breaks, durations with seconds, custom-field values.
/// </summary>
internal static class SampleEntries
{
    private const int SpanDays = 400;

    private static readonly string[] Descriptions =
    [
        "Sprint planning", "Code review", "Fixing flaky build", "Customer call", "Writing docs",
        "Data model design", "Bug triage", "Release prep", "Pairing session", "Research spike",
    ];

    public static List<TimeEntryDraft> Drafts(EmulatorWorkspace workspace, string userId, int count, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        var ownProjects = workspace.Projects
            .Where(p => (bool?)p["template"] != true && p["memberships"]!.Any(m => (string?)m["userId"] == userId))
            .ToList();
        var projects = ownProjects.Count > 0 ? ownProjects : workspace.Projects.Where(p => (bool?)p["template"] != true).ToList();
        var entryFields = workspace.CustomFields
            .Where(f => (string?)f["entityType"] == "TIMEENTRY" && (string?)f["status"] != "INACTIVE")
            .ToList();
        var kioskId = IsLimitedUser(workspace, userId) ? Ids.Make(workspace.Number, Ids.Kind.Organization, 0x4b) : null;
        var drafts = new List<TimeEntryDraft>();
        for (var i = 0; i < count; i++)
        {
            var day = now.UtcDateTime.Date.AddDays(-1 - random.Next(SpanDays));
            var start = (random.Next(8)) switch
            {
                0 => day.AddHours(23).AddMinutes(30),
                1 => day.AddMinutes(15),
                _ => day.AddHours(6 + random.Next(14)).AddMinutes(15 * random.Next(4)),
            };
            var duration = TimeSpan.FromMinutes(5 * (3 + random.Next(96))) + (random.Next(5) == 0 ? TimeSpan.FromSeconds(random.Next(1, 60)) : TimeSpan.Zero);
            var isBreak = random.Next(25) == 0;
            var project = isBreak || projects.Count == 0 || random.Next(6) == 0 ? null : projects[random.Next(projects.Count)];
            var projectId = (string?)project?["id"];
            var tasks = projectId == null ? [] : workspace.TasksByProject.GetValueOrDefault(projectId, []);
            var task = tasks.Count > 0 && random.Next(2) == 0 ? tasks[random.Next(tasks.Count)] : null;
            var tagIds = workspace.Tags.Count == 0 || random.Next(3) == 0
                ? null
                : workspace.Tags.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Select(t => (string)t["id"]!).ToList();
            drafts.Add(new TimeEntryDraft(userId, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start, TimeSpan.Zero) + duration)
            {
                Description = random.Next(5) == 0 ? "" : Descriptions[random.Next(Descriptions.Length)],
                ProjectId = projectId,
                TaskId = (string?)task?["id"],
                TagIds = tagIds,
                Billable = (bool?)project?["billable"] == true && random.Next(5) != 0,
                Type = isBreak ? "BREAK" : "REGULAR",
                KioskId = kioskId,
                CustomFieldValues = project != null && entryFields.Count > 0 && random.Next(4) == 0
                    ? CustomFieldValues(entryFields[random.Next(entryFields.Count)], random)
                    : null,
            });
        }
        return drafts;
    }

    /// <summary>Limited users track time through a kiosk, so their entries carry a kioskId.</summary>
    private static bool IsLimitedUser(EmulatorWorkspace workspace, string userId) =>
        ((string?)workspace.FindUser(userId)?["status"])?.StartsWith("LIMITED", StringComparison.Ordinal) == true;

    /// <summary>One value of the field; its JSON type follows the field type (NOTES §5.11).</summary>
    private static JArray CustomFieldValues(JObject field, Random random)
    {
        var allowed = field["allowedValues"]!.Values<string>().ToList();
        JToken value = (string?)field["type"] switch
        {
            "NUMBER" => random.Next(1, 13),
            "CHECKBOX" => random.Next(2) == 0,
            "DROPDOWN_SINGLE" => allowed[random.Next(allowed.Count)],
            "DROPDOWN_MULTIPLE" => new JArray(allowed.Take(1 + random.Next(allowed.Count))),
            "LINK" => "https://tickets.example/42",
            _ => $"OPS-{random.Next(100, 999)}",
        };
        return new JArray(new JObject
        {
            ["customFieldId"] = field["id"]!.DeepClone(),
            ["timeEntryId"] = null,
            ["value"] = value,
            ["name"] = field["name"]!.DeepClone(),
            ["type"] = field["type"]!.DeepClone(),
        });
    }
}

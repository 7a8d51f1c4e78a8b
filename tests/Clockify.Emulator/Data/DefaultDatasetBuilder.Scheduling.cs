using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    /// <summary>
    /// Scheduling assignments from two months back to four months ahead (one spanning six weeks,
    /// so it crosses a request window), with and without task, start time and note (TABLES-NEXT §4.9).
    /// </summary>
    private void AddAssignments(EmulatorWorkspace ws)
    {
        (Person Who, int Project, int? Task, int StartsInDays, int Days, double HoursPerDay, string? StartTime, string? Note)[] specs =
        [
            (Person.Mark, 0, 1, -60, 5, 8, "09:00:00", "Bug bash"),
            (Person.Wanda, 0, 0, -20, 42, 4, null, null),
            (Person.Ada, 1, null, -3, 3, 2.5, "13:30:00", null),
            (Person.Carl, 8, null, 10, 10, 6, null, "Warehouse load"),
            (Person.Tess, 7, 0, 45, 1, 8, "08:00:00", null),
            (Person.Pete, 11, null, 120, 14, 3, null, null),
            (Person.Mark, 3, null, 70, 2, 1, null, "Archived project wrap-up"),
        ];
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        ws.Assignments.AddRange(specs.Select((spec, i) =>
        {
            var project = ws.Projects[spec.Project];
            var user = ws.FindUser(UserId(spec.Who))!;
            var task = spec.Task is { } t ? ws.TasksByProject[(string)project["id"]!][t] : null;
            var start = today.AddDays(spec.StartsInDays);
            return new JObject
            {
                ["id"] = Id(ws, Ids.Kind.Assignment, i),
                ["workspaceId"] = ws.Id,
                ["userId"] = user["id"]!.DeepClone(),
                ["userName"] = user["name"]!.DeepClone(),
                ["projectId"] = project["id"]!.DeepClone(),
                ["projectName"] = project["name"]!.DeepClone(),
                ["projectColor"] = project["color"]!.DeepClone(),
                ["projectArchived"] = project["archived"]!.DeepClone(),
                ["projectBillable"] = project["billable"]!.DeepClone(),
                ["clientId"] = project["clientId"]!.DeepClone(),
                ["clientName"] = project["clientName"]!.DeepClone(),
                ["taskId"] = task?["id"]?.DeepClone(),
                ["taskName"] = task?["name"]?.DeepClone(),
                ["period"] = new JObject
                {
                    ["start"] = Timestamps.Format(start),
                    ["end"] = Timestamps.FormatWithMillis(start.AddDays(spec.Days).AddMilliseconds(-1)),
                },
                ["hoursPerDay"] = spec.HoursPerDay,
                ["startTime"] = spec.StartTime,
                ["billable"] = project["billable"]!.DeepClone(),
                ["note"] = spec.Note,
            };
        }));
    }
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    /// <summary>A member profile for every user of every workspace (live shape; workingDays a list of day names).</summary>
    private static void AddMemberProfiles(EmulatorWorkspace ws)
    {
        foreach (var (user, i) in ws.Users.Select((user, i) => (user, i)))
        {
            var userId = (string)user["id"]!;
            ws.MemberProfiles[userId] = new JObject
            {
                ["name"] = user["name"]!.DeepClone(),
                ["email"] = user["email"]!.DeepClone(),
                ["imageUrl"] = user["profilePicture"]!.DeepClone(),
                ["weekStart"] = user["settings"]!["weekStart"]!.DeepClone(),
                ["workCapacity"] = i % 3 == 2 ? "PT6H30M" : "PT8H",
                ["workingDays"] = i % 4 == 3 ? new JArray("MONDAY", "TUESDAY", "WEDNESDAY") : new JArray("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                ["hasPendingApprovalRequest"] = ws.ApprovalRequests.Any(r =>
                    (string?)r["approvalRequest"]!["owner"]!["userId"] == userId && (string?)r["approvalRequest"]!["status"]!["state"] == "PENDING"),
                ["workspaceNumber"] = ws.Number,
                ["hasPassword"] = true,
                ["userCustomFieldValues"] = new JArray(),
            };
        }
    }
}

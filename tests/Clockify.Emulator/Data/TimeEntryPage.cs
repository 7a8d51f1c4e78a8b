using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// A page of time entries (TimeEntryWithRatesDtoV1, hydrated or not) taken out of the dataset while
/// its lock is held and written as UTF-8 after it is released, so that pages of different requests
/// are written in parallel. A stored entry is kept as its JSON text, since a mutation may edit the
/// original meanwhile. A generated entry of the large dataset is kept as what it is generated from
/// and written by <see cref="TimeEntryShape.WriteOpen"/>, with the JSON text of its rates and of a
/// hydrated entry's related objects copied once per page: the same bytes as Json.NET writes for
/// the entry once stored, several times cheaper (a page of 5000 is most of what a client reading
/// the large dataset waits for).
/// </summary>
internal sealed class TimeEntryPage
{
    private readonly string workspaceId;
    private readonly List<Item> items;
    private readonly Generated? generated;
    private readonly Related? related;

    private TimeEntryPage(string workspaceId, List<Item> items, Generated? generated, Related? related)
    {
        this.workspaceId = workspaceId;
        this.items = items;
        this.generated = generated;
        this.related = related;
    }

    /// <summary>A stored entry's JSON text, or the (user, index) of a generated entry. Small, so that a
    /// page of 5000 stays off the large-object heap.</summary>
    private readonly record struct Item(string? Text, int User, int Index);

    /// <summary>What the page's generated entries are written from: the generator, what it reads of
    /// the workspace, and the JSON text of their rates.</summary>
    private sealed record Generated(SyntheticTimeEntries Source, SyntheticTimeEntries.CopiedInputs Inputs, DateTimeOffset? LockedBefore,
        Dictionary<Reference, byte[]> RateTexts);

    /// <summary>A rate by reference: a struct key, so the page's lookups call no comparer through an interface.</summary>
    private readonly record struct Reference(JToken Token)
    {
        public bool Equals(Reference other) => ReferenceEquals(Token, other.Token);
        public override int GetHashCode() => RuntimeHelpers.GetHashCode(Token);
    }

    /// <summary>Copies what the page's entries read of the workspace; call while holding the dataset lock.</summary>
    public static TimeEntryPage Detach(EmulatorWorkspace workspace, IReadOnlyList<EntryRef> entries, bool hydrated)
    {
        var items = new List<Item>(entries.Count);
        var generatedUsers = new HashSet<int>();
        SyntheticTimeEntries? source = null;
        foreach (var entry in entries)
        {
            if (entry.Stored is { } stored)
            {
                items.Add(new Item((hydrated ? Hydrate(workspace, stored) : stored).ToString(Formatting.None), -1, -1));
                continue;
            }
            source = entry.Source;
            generatedUsers.Add(entry.User);
            items.Add(new Item(null, entry.User, entry.Index));
        }

        Generated? generated = null;
        var related = hydrated ? new Related(workspace) : null;
        if (source != null)
        {
            var inputs = source.CopyInputs(generatedUsers);
            // A generated entry's rates are shared by the entries of a user and project: each is written to text once.
            var rateTexts = new Dictionary<Reference, byte[]>();
            foreach (var rate in inputs.AllRates) rateTexts.TryAdd(new Reference(rate), Utf8(rate));
            generated = new Generated(source, inputs, workspace.LockedBefore, rateTexts);
            // Generated entries have no task.
            foreach (var projectId in inputs.PossibleProjectIds) related?.CopyProject(projectId, taskId: null);
            foreach (var user in generatedUsers) related?.CopyUser(source.UserId(user));
        }
        return new TimeEntryPage(workspace.Id, items, generated, related);
    }

    /// <summary>The page as a bare JSON array, as Json.NET writes it.</summary>
    public void WriteTo(Stream stream)
    {
        using var output = new JsonBytes(stream);
        output.Raw("["u8);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) output.Raw(","u8);
            var item = items[i];
            if (item.Text is { } text)
            {
                output.Raw(text);
                continue;
            }
            var (source, inputs, lockedBefore, rateTexts) = generated!;
            var (draft, (hourly, cost)) = source.Draft(item.User, item.Index, inputs);
            var isLocked = lockedBefore is { } before && draft.Start < before;
            TimeEntryShape.WriteOpen(output, source.Id(item.User, item.Index), workspaceId, draft, rateTexts[new(hourly)], rateTexts[new(cost)], isLocked);
            related?.Write(output, draft);
            output.Raw("}"u8);
        }
        output.Raw("]"u8);
    }

    /// <summary><c>hydrated=true</c> adds the related <c>project</c>, <c>task</c>, <c>tags</c> (objects)
    /// and <c>user</c> next to the ids (NOTES §5.9).</summary>
    private static JObject Hydrate(EmulatorWorkspace workspace, JObject entry)
    {
        var hydrated = (JObject)entry.DeepClone();
        var projectId = (string?)entry["projectId"];
        var tagIds = (entry["tagIds"] as JArray)?.Values<string>().ToList() ?? [];
        hydrated["project"] = Project(workspace, projectId);
        hydrated["task"] = Task(workspace, projectId, (string?)entry["taskId"]);
        hydrated["tags"] = new JArray(workspace.Tags.Where(t => tagIds.Contains((string)t["id"]!)).Select(t => t.DeepClone()));
        hydrated["user"] = User(workspace, (string)entry["userId"]!);
        return hydrated;
    }

    private static JToken Project(EmulatorWorkspace workspace, string? projectId) =>
        workspace.Projects.Find(p => (string?)p["id"] == projectId)?.DeepClone() ?? JValue.CreateNull();

    private static JToken Task(EmulatorWorkspace workspace, string? projectId, string? taskId) =>
        (projectId == null ? null : workspace.TasksByProject.GetValueOrDefault(projectId)?.Find(t => (string?)t["id"] == taskId))
            ?.DeepClone() ?? JValue.CreateNull();

    private static JToken User(EmulatorWorkspace workspace, string userId)
    {
        var user = workspace.FindUser(userId);
        return user == null ? JValue.CreateNull() : new JObject
        {
            ["id"] = user["id"]!.DeepClone(),
            ["name"] = user["name"]!.DeepClone(),
            ["email"] = user["email"]!.DeepClone(),
            ["status"] = user["status"]!.DeepClone(),
        };
    }

    private static byte[] Utf8(JToken token) => Encoding.UTF8.GetBytes(token.ToString(Formatting.None));

    /// <summary>
    /// The JSON text of the objects <see cref="Hydrate"/> adds to the page's generated entries, copied
    /// from the workspace for every project and user they can have, and written after each entry's
    /// own fields in the order <see cref="Hydrate"/> adds them.
    /// </summary>
    private sealed class Related(EmulatorWorkspace workspace)
    {
        private readonly Dictionary<(string? ProjectId, string? TaskId), byte[]> projectAndTask = [];
        private readonly Dictionary<string, byte[]> users = [];
        private readonly List<(string Id, byte[] Text)> tags = workspace.Tags.Select(t => ((string)t["id"]!, Utf8(t))).ToList();

        public void CopyProject(string? projectId, string? taskId)
        {
            var text = new StringBuilder(",\"project\":")
                .Append(Project(workspace, projectId).ToString(Formatting.None))
                .Append(",\"task\":")
                .Append(Task(workspace, projectId, taskId).ToString(Formatting.None));
            projectAndTask[(projectId, taskId)] = Encoding.UTF8.GetBytes(text.ToString());
        }

        public void CopyUser(string userId) => users[userId] = Utf8(User(workspace, userId));

        public void Write(JsonBytes output, TimeEntryDraft draft)
        {
            output.Raw(projectAndTask[(draft.ProjectId, draft.TaskId)]);
            output.Raw(",\"tags\":["u8);
            var first = true;
            foreach (var (id, text) in tags)
            {
                if (draft.TagIds?.Contains(id) != true) continue;
                if (!first) output.Raw(","u8);
                first = false;
                output.Raw(text);
            }
            output.Raw("],\"user\":"u8);
            output.Raw(users[draft.UserId]);
        }
    }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// The large dataset's time entries, computed from (user index, entry index) instead of stored:
/// entry 0 is a user's newest and starts strictly decrease with the index, spread evenly over the
/// 400 days before "now", so a start-time window maps to an index range by binary search and a
/// million entries cost no memory until a page is written. An entry touched by a mutation is
/// "adopted" into <see cref="EmulatorWorkspace.TimeEntries"/> and skipped here from then on.
/// </summary>
internal sealed class SyntheticTimeEntries
{
    private static readonly long SpanTicks = TimeSpan.FromDays(400).Ticks;
    private static readonly string[] Descriptions = ["Feature work", "Meetings", "Support ticket", "Code review", "", "Planning"];

    private readonly EmulatorWorkspace workspace;
    private readonly string[] userIds;
    private readonly Dictionary<string, int> userIndexes;
    private readonly long nowTicks;
    private readonly long spacingTicks;
    private readonly HashSet<(int User, int Index)> adopted = [];
    private readonly Dictionary<(int User, int Project), (JToken Hourly, JToken Cost)> rates = [];

    public SyntheticTimeEntries(EmulatorWorkspace workspace, IReadOnlyList<string> userIds, int entriesPerUser, DateTimeOffset now)
    {
        this.workspace = workspace;
        this.userIds = [.. userIds];
        userIndexes = this.userIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        EntriesPerUser = entriesPerUser;
        nowTicks = now.UtcTicks;
        // Whole seconds, at least 2 s, so starts stay strictly decreasing after truncation.
        spacingTicks = Math.Max(2, SpanTicks / Math.Max(1, entriesPerUser) / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond;
    }

    public int EntriesPerUser { get; }

    /// <summary>Every 50th user's newest entry is a running timer.</summary>
    private static bool IsRunning(int user, int index) => index == 0 && user % 50 == 0;

    public string UserId(int user) => userIds[user];

    public string Id(int user, int index) => Ids.Make(workspace.Number, Ids.Kind.TimeEntry, ((long)(user + 1) << 32) | (uint)index);

    public long StartTicks(int user, int index)
    {
        var jitter = (long)(Hash(user, index, 1) % (ulong)(spacingTicks / 2 / TimeSpan.TicksPerSecond)) * TimeSpan.TicksPerSecond;
        return nowTicks - (index + 1L) * spacingTicks + jitter;
    }

    /// <summary>Null for a running timer.</summary>
    /// <summary>Null for a running timer; never after "now".</summary>
    public long? EndTicks(int user, int index) =>
        IsRunning(user, index) ? null : Math.Min(nowTicks, StartTicks(user, index) + TimeSpan.FromMinutes(15 + (long)(Hash(user, index, 2) % 225)).Ticks);

    /// <summary>When the entry was written: when it ended, or when it started for a running timer.</summary>
    public DateTimeOffset CreatedAt(int user, int index) => new(EndTicks(user, index) ?? StartTicks(user, index), TimeSpan.Zero);

    /// <summary>Adds the refs of one user (or all when null) whose start is in the window.</summary>
    public void AddInWindow(string? userId, StartWindow window, List<EntryRef> into)
    {
        if (userId != null && !userIndexes.ContainsKey(userId)) return;
        var users = userId == null ? Enumerable.Range(0, userIds.Length) : [userIndexes[userId]];
        foreach (var user in users)
        {
            // Starts decrease with the index: [first, last) are the indexes inside the window.
            var first = window.To is { } to
                ? FirstIndex(i => window.ToInclusive ? StartTicks(user, i) <= to.UtcTicks : StartTicks(user, i) < to.UtcTicks)
                : 0;
            var last = window.From is { } from ? FirstIndex(i => StartTicks(user, i) < from.UtcTicks) : EntriesPerUser;
            // Grown once: growing by doubling allocated each page's refs about twice, on the large-object heap.
            into.EnsureCapacity(into.Count + Math.Max(0, last - first));
            for (var index = first; index < last; index++)
            {
                if (adopted.Count == 0 || !adopted.Contains((user, index)))
                {
                    into.Add(new EntryRef(StartTicks(user, index), userIds[user], null, this, user, index));
                }
            }
        }
    }

    /// <summary>-1 (no project) or an index into the workspace's projects.</summary>
    private int ProjectIndex(int user, int index) => (int)(Hash(user, index, 3) % (ulong)(workspace.Projects.Count + 1)) - 1;

    private (JToken Hourly, JToken Cost) Rates(int user, int projectIndex)
    {
        if (!rates.TryGetValue((user, projectIndex), out var rate))
        {
            var projectId = projectIndex < 0 ? null : (string?)workspace.Projects[projectIndex]["id"];
            rate = rates[(user, projectIndex)] = workspace.RatesFor(userIds[user], projectId);
        }
        return rate;
    }

    /// <summary>Duration, billability and rate without building the JSON (report totals and sorting).</summary>
    public EntryFacts Facts(int user, int index)
    {
        var projectIndex = ProjectIndex(user, index);
        var billable = projectIndex >= 0 && (bool?)workspace.Projects[projectIndex]["billable"] == true;
        var seconds = EndTicks(user, index) is { } end ? (end - StartTicks(user, index)) / TimeSpan.TicksPerSecond : 0;
        return new EntryFacts(seconds, billable, EntryFacts.Amount(Rates(user, projectIndex).Hourly));
    }

    public JObject Build(int user, int index)
    {
        var (draft, rate) = Draft(user, index);
        return TimeEntryShape.Create(Id(user, index), workspace, draft, rate.Hourly.DeepClone(), rate.Cost.DeepClone());
    }

    internal (TimeEntryDraft Draft, (JToken Hourly, JToken Cost) Rate) Draft(int user, int index) => Draft(user, index, new LiveInputs(this));

    /// <summary>The entry's values, reading the workspace through <paramref name="inputs"/>: live under
    /// the dataset lock, or as copied by <see cref="CopyInputs"/> for a page written after it.</summary>
    internal (TimeEntryDraft Draft, (JToken Hourly, JToken Cost) Rate) Draft<TInputs>(int user, int index, TInputs inputs) where TInputs : IDraftInputs
    {
        var userId = userIds[user];
        var hash = Hash(user, index, 3);
        // As ProjectIndex: -1 (no project) or an index into the workspace's projects.
        var projectIndex = (int)(hash % (ulong)(inputs.ProjectCount + 1)) - 1;
        var tagMask = (hash >> 8) % 4;
        var end = EndTicks(user, index);
        var draft = new TimeEntryDraft(userId, new DateTimeOffset(StartTicks(user, index), TimeSpan.Zero),
            end is { } endTicks ? new DateTimeOffset(endTicks, TimeSpan.Zero) : null)
        {
            Description = Descriptions[(int)((hash >> 16) % (ulong)Descriptions.Length)],
            ProjectId = projectIndex < 0 ? null : inputs.ProjectId(projectIndex),
            TagIds = tagMask == 0 || inputs.TagCount == 0 ? null : [inputs.TagId((int)(tagMask % (ulong)inputs.TagCount))],
            Billable = projectIndex >= 0 && inputs.IsBillable(projectIndex),
        };
        return (draft, inputs.Rates(user, projectIndex));
    }

    /// <summary>What drafts read of the workspace (projects, tags, rates).</summary>
    internal interface IDraftInputs
    {
        int ProjectCount { get; }
        string? ProjectId(int projectIndex);
        bool IsBillable(int projectIndex);
        int TagCount { get; }
        string TagId(int tagIndex);
        (JToken Hourly, JToken Cost) Rates(int user, int projectIndex);
    }

    private readonly struct LiveInputs(SyntheticTimeEntries source) : IDraftInputs
    {
        public int ProjectCount => source.workspace.Projects.Count;
        public string? ProjectId(int projectIndex) => (string?)source.workspace.Projects[projectIndex]["id"];
        public bool IsBillable(int projectIndex) => (bool?)source.workspace.Projects[projectIndex]["billable"] == true;
        public int TagCount => source.workspace.Tags.Count;
        public string TagId(int tagIndex) => (string)source.workspace.Tags[tagIndex]["id"]!;
        public (JToken Hourly, JToken Cost) Rates(int user, int projectIndex) => source.Rates(user, projectIndex);
    }

    /// <summary>
    /// Copies what the drafts of these users' entries read of the workspace, under the dataset lock, so
    /// that <see cref="Draft{TInputs}"/> can run after it is released: the rates are this class's
    /// private copies, never modified, and the rest is pure functions of (user, index).
    /// </summary>
    internal CopiedInputs CopyInputs(IEnumerable<int> users)
    {
        var live = new LiveInputs(this);
        var projectIds = Enumerable.Range(0, live.ProjectCount).Select(live.ProjectId).ToArray();
        var billable = Enumerable.Range(0, live.ProjectCount).Select(live.IsBillable).ToArray();
        var tagIds = Enumerable.Range(0, live.TagCount).Select(live.TagId).ToArray();
        var copiedRates = new Dictionary<(int User, int ProjectIndex), (JToken Hourly, JToken Cost)>();
        foreach (var user in users)
        {
            for (var projectIndex = -1; projectIndex < projectIds.Length; projectIndex++) copiedRates[(user, projectIndex)] = Rates(user, projectIndex);
        }
        return new CopiedInputs(projectIds, billable, tagIds, copiedRates);
    }

    /// <summary>A struct, so that <see cref="Draft{TInputs}"/> is compiled for it and calls it directly.</summary>
    internal readonly struct CopiedInputs(string?[] projectIds, bool[] billable, string[] tagIds,
        Dictionary<(int User, int ProjectIndex), (JToken Hourly, JToken Cost)> rates) : IDraftInputs
    {
        public int ProjectCount => projectIds.Length;
        public string? ProjectId(int projectIndex) => projectIds[projectIndex];
        public bool IsBillable(int projectIndex) => billable[projectIndex];
        public int TagCount => tagIds.Length;
        public string TagId(int tagIndex) => tagIds[tagIndex];
        public (JToken Hourly, JToken Cost) Rates(int user, int projectIndex) => rates[(user, projectIndex)];

        /// <summary>Every project id a draft can have, null (no project) included.</summary>
        public IEnumerable<string?> PossibleProjectIds => projectIds.Prepend(null);

        public IEnumerable<JToken> AllRates => rates.Values.SelectMany(r => new[] { r.Hourly, r.Cost });
    }

    /// <summary>Moves a synthetic entry into the stored list (for an edit or delete); null if the id is not one of ours.</summary>
    public JObject? Adopt(string id)
    {
        if (!TryParse(id, out var user, out var index) || !adopted.Add((user, index))) return null;
        var entry = Build(user, index);
        workspace.TimeEntries.Add(entry);
        workspace.Changes.Created(EntityType.TimeEntry, id, CreatedAt(user, index));
        return entry;
    }

    /// <summary>Reads (user, index) back from an id made by <see cref="Id"/>.</summary>
    private bool TryParse(string id, out int user, out int index)
    {
        user = index = -1;
        var kindPrefix = Ids.Make(workspace.Number, Ids.Kind.TimeEntry, 0)[..12];
        if (id.Length != 24 || !id.StartsWith(kindPrefix, StringComparison.Ordinal)) return false;
        if (!int.TryParse(id[12..16], System.Globalization.NumberStyles.HexNumber, null, out var userPart) ||
            !long.TryParse(id[16..], System.Globalization.NumberStyles.HexNumber, null, out var indexPart)) return false;
        if (userPart < 1 || userPart > userIds.Length || indexPart >= EntriesPerUser) return false;
        (user, index) = (userPart - 1, (int)indexPart);
        return true;
    }

    private int FirstIndex(Func<int, bool> predicate)
    {
        int low = 0, high = EntriesPerUser;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (predicate(middle)) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    private static ulong Hash(int user, int index, int salt)
    {
        // SplitMix64 finaliser: cheap, deterministic and well spread.
        var x = ((ulong)(uint)user << 40) ^ ((ulong)(uint)index << 8) ^ (ulong)salt;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

namespace Clockify.Emulator;

/// <summary>
/// Everything the emulator serves. Build one with <see cref="CreateDefault"/> (small, covers every
/// shape and status the tap must handle) or <see cref="CreateLarge"/> (volume for benchmarks).
/// </summary>
public sealed partial class EmulatorDataset
{
    /// <summary>Key of a user who is OWNER of workspace 1, WORKSPACE_ADMIN of workspace 2 and a plain member of workspace 3.</summary>
    public const string AdminApiKey = "emulator-admin-key";

    /// <summary>Key of a user who is a plain member of workspaces 1 and 2 and administers nothing.</summary>
    public const string MemberApiKey = "emulator-member-key";

    /// <summary>The default anchor: datasets lay their time entries out before this instant.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly List<EmulatorWorkspace> workspaces = [];

    internal EmulatorDataset(DateTimeOffset now)
    {
        Now = now;
        Clock = new AnchoredTimeProvider(now);
    }

    /// <summary>
    /// The instant the generated data is laid out against: time entries start up to ~400 days
    /// before it and running timers start a few hours before it. Fixed per dataset; pass
    /// <c>DateTimeOffset.UtcNow</c> to the factory to get data relative to real time.
    /// </summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Clock for audit times of mutations (entity-changes endpoints) and for the delay before a
    /// deletion becomes visible. Defaults to a clock starting at <see cref="Now"/> and running with
    /// real time; tests may swap in a controllable <see cref="TimeProvider"/>.
    /// </summary>
    public TimeProvider Clock { get; set; }

    /// <summary>Lock that serving and mutations share.</summary>
    public object SyncRoot { get; } = new();

    public IReadOnlyList<EmulatorWorkspace> Workspaces => workspaces;

    /// <summary>API key → id of the user it authenticates.</summary>
    public Dictionary<string, string> UserIdsByApiKey { get; } = [];

    public EmulatorWorkspace? FindWorkspace(string workspaceId) => workspaces.Find(w => w.Id == workspaceId);

    internal EmulatorWorkspace AddWorkspace(Newtonsoft.Json.Linq.JObject workspace)
    {
        var added = new EmulatorWorkspace(this, workspaces.Count + 1, workspace);
        workspaces.Add(added);
        return added;
    }

    /// <summary>
    /// Small deterministic dataset covering every status, null and odd shape of the research notes:
    /// <list type="bullet">
    /// <item>ws1 "Acme Analytics" (admin key OWNER): 12 projects (2 archived, 1 template, 2 without
    /// client), 7 clients (2 archived), 9 tags (3 archived), 3 groups (one empty), 16 users covering
    /// all six account statuses and all four membership statuses, 10 tasks, 6 custom fields, 361
    /// time entries (3 running timers, entries before workspaceSettings.lockTimeEntries locked) and
    /// 2 deleted entries in the change log.</item>
    /// <item>ws2 "Beta Bureau" (admin key WORKSPACE_ADMIN): FREE plan written only inside
    /// workspaceSettings, no lock, zero hourly rate, entity changes refused with 403, 71 entries.</item>
    /// <item>ws3 "Gamma Guild" (admin key a plain member): admin-only lists answer 403.</item>
    /// <item>ws4 "Delta Depot" (admin key OWNER): STANDARD plan, two currencies, no time entries.</item>
    /// </list>
    /// Entries lie in the 400 days before <paramref name="now"/> (default <see cref="DefaultNow"/>).
    /// </summary>
    public static EmulatorDataset CreateDefault(DateTimeOffset? now = null) => new DefaultDatasetBuilder(now ?? DefaultNow).Build();

    /// <summary>
    /// One workspace with <paramref name="users"/> users and <paramref name="entriesPerUser"/> time
    /// entries each, generated on demand so 200 × 5000 entries fit easily in memory; for benchmarks.
    /// </summary>
    public static EmulatorDataset CreateLarge(int users, int entriesPerUser, DateTimeOffset? now = null) =>
        new LargeDatasetBuilder(users, entriesPerUser, now ?? DefaultNow).Build();
}

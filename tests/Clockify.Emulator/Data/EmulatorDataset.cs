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

    /// <summary>Small deterministic dataset: three workspaces covering every status, null and odd
    /// shape listed in NOTES §5 (see DefaultDatasetBuilder for the inventory).</summary>
    public static EmulatorDataset CreateDefault(DateTimeOffset? now = null) => new DefaultDatasetBuilder(now ?? DefaultNow).Build();

    /// <summary>
    /// One workspace with <paramref name="users"/> users and <paramref name="entriesPerUser"/> time
    /// entries each, generated on demand so 200 × 5000 entries fit easily in memory; for benchmarks.
    /// </summary>
    public static EmulatorDataset CreateLarge(int users, int entriesPerUser, DateTimeOffset? now = null) =>
        new LargeDatasetBuilder(users, entriesPerUser, now ?? DefaultNow).Build();
}

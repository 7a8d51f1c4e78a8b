using TapClockify.Singer.Sync;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>
/// GET /workspaces/{ws}/scheduling/assignments/all, a bare paged list that needs a start and an end
/// (400 without them, live). Assignments lie in the future as well as the past and have no
/// updatedAt, so each sync reads windows from its bookmark less lookback_days up to a horizon past
/// the sync's start (<see cref="SchedulingAssignmentsSync"/>).
/// </summary>
public sealed class SchedulingAssignmentsStream : ClockifyStream
{
    /// <summary>How far past the sync's start assignments are read: capacity plans look half a year ahead.</summary>
    public static readonly TimeSpan ForwardHorizon = TimeSpan.FromDays(180);

    /// <summary>The span of one request; a larger maximum is unverified, 31 days is what other reports allow.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(31);

    /// <summary>Where the first sync starts when start_date is empty: the window needs a beginning.</summary>
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromDays(365);

    public override string Name => "scheduling_assignments";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/scheduling/assignments/all";
    public override ReplicationMethod Replication => ReplicationMethod.Incremental;
    public override string ReplicationKey => "period__start";
    public override string RequiredFeature => "SCHEDULING";

    /// <summary>The query of one window; sorted by id for a stable walk.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WindowQuery(DateTimeOffset start, DateTimeOffset end) =>
        [Query("start", Timestamps.ForQuery(start)), Query("end", Timestamps.ForQuery(end)), Query("sort-column", "ID")];
}

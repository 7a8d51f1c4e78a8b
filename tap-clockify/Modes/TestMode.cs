using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Streams;
using TapClockify.Streams.Embedded;
using TapClockify.Streams.PlanFeatures;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Modes;

/// <summary>
/// --test: checks the key and each workspace a sync would read (admin rights, each stream's
/// endpoint, the detailed report and the entity-changes API) with one small request each, and
/// prints a verdict per workspace. Succeeds only when a sync could run.
/// </summary>
public static class TestMode
{
    public static async Task<bool> RunAsync(TapSettings settings, TextWriter output, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var client = new ClockifyClient(settings.ToClientOptions() with { MaxAttempts = Math.Min(settings.MaxAttempts, 3) }, clock);
        JToken me;
        try
        {
            me = await client.GetAsync("user", cancellationToken: cancellationToken);
        }
        catch (ClockifyApiException refused)
        {
            output.WriteLine($"API key: REFUSED, {refused.Message}");
            output.WriteLine("verdict: no sync can run");
            return false;
        }
        output.WriteLine($"API key: accepted, user {me["name"]} <{me["email"]}> at {settings.Hosts.ApiUrl}");

        var directory = new WorkspaceDirectory(client, askForUsers: null, warning => output.WriteLine(warning.Replace("skipped,", "SKIPPED,")));
        IReadOnlyList<WorkspaceDirectory.Workspace> workspaces;
        try
        {
            workspaces = (await directory.ResolveAsync(settings.WorkspaceIds, cancellationToken)).Readable;
        }
        catch (Exception failure) when (failure is WorkspaceAccessException or ClockifyApiException)
        {
            output.WriteLine($"workspaces: FAILED, {failure.Message}");
            output.WriteLine("verdict: no sync can run");
            return false;
        }

        var usable = 0;
        foreach (var workspace in workspaces)
        {
            var (ok, verdict) = await CheckWorkspaceAsync(client, settings, workspace, me["id"]!.ToString(), clock.GetUtcNow(), cancellationToken);
            if (ok) usable++;
            output.WriteLine($"workspace {workspace.Label}: {verdict}");
        }
        var canRun = usable == workspaces.Count;
        output.WriteLine(canRun
            ? $"verdict: a sync can run ({usable} workspace{(usable == 1 ? "" : "s")})"
            : $"verdict: no sync can run: {workspaces.Count - usable} of {workspaces.Count} workspaces fail");
        return canRun;
    }

    private static async Task<(bool Ok, string Verdict)> CheckWorkspaceAsync(ClockifyClient client, TapSettings settings,
        WorkspaceDirectory.Workspace workspace, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = new PartitionContext(workspace.Id);
        var readable = new List<string>();
        var unreadable = new List<string>();
        var untried = new List<string>();
        var required = true;
        var features = WorkspaceFeatures.Of(workspace.ApiObject);
        var reader = new StreamListReader(client, pageSize: 1);
        // Each stream is tried in the partition its parent's first object opens, as a sync would read it.
        var firstPartitions = new Dictionary<string, PartitionContext> { ["workspaces"] = context };

        foreach (var stream in StreamRegistry.All.Where(s => s.Path is not null && s is not TimeEntriesStream))
        {
            if (FeatureGate.Missing(stream, features) is { } feature)
            {
                unreadable.Add($"{stream.Name} (the workspace's features lack {feature}; a sync skips it)");
                continue;
            }
            if (!firstPartitions.TryGetValue(stream.ParentName!, out var partition))
            {
                untried.Add($"{stream.Name} (the first of {stream.ParentName} opens none)");
                continue;
            }
            // A windowed list refuses a request without its window: the coming one is tried.
            IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>? window = stream is SchedulingAssignmentsStream
                ? [SchedulingAssignmentsStream.WindowQuery(now, now + SchedulingAssignmentsStream.Window)]
                : null;
            var first = await FirstAsync(reader.ReadAsync(stream, partition, cancellationToken, window));
            if (first.Error is null)
            {
                readable.Add(stream.Name);
                if (first.Item is { } item && stream.ChildContext(item, partition) is { } childPartition) firstPartitions[stream.Name] = childPartition;
            }
            else
            {
                unreadable.Add($"{stream.Name} (HTTP {first.Error.Status})");
                // Streams a plan may lack are skipped by a sync; any other refusal stops it.
                required &= stream.SkippedOnForbidden is not null && first.Error.Status == 403;
            }
        }

        var timeEntries = (TimeEntriesStream)StreamRegistry.Get("time_entries");
        var perUser = new PerUserTimeEntrySource(client, timeEntries, 1);
        var entries = await FirstAsync(perUser.FetchAsync(context with { UserId = userId }, now.AddDays(-1), now, new PartitionScheduler(1), cancellationToken));
        (entries.Error is null ? readable : unreadable).Add(entries.Error is null ? "time_entries" : $"time_entries (HTTP {entries.Error.Status})");

        var report = new DetailedReportTimeEntrySource(client, timeEntries, now.AddDays(-1), TimeSpan.FromDays(1), _ => { });
        var reportCheck = await FirstAsync(report.FetchAsync(context, now.AddDays(-1), now, new PartitionScheduler(1), cancellationToken));
        var changes = await FirstAsync(new EntityChangesFeed(client, 1).ReadAsync(workspace.Id, "updated", now.AddDays(-1), now, cancellationToken));

        var source = settings.TimeEntriesSource == TimeEntriesSource.DetailedReport ? reportCheck : entries;
        required &= source.Error is null;
        var verdict = $"{(required ? "OK" : "FAILED")}; readable: {string.Join(", ", readable)}"
            + (unreadable.Count > 0 ? $"; not readable: {string.Join(", ", unreadable)}" : "")
            + (untried.Count > 0 ? $"; not tried: {string.Join(", ", untried)}" : "")
            + $"; detailed report: {Availability(reportCheck.Error)}; entity changes: {Availability(changes.Error)}";
        return (required, verdict);
    }

    private static string Availability(ClockifyApiException? error) => error is null ? "available" : $"not available (HTTP {error.Status?.ToString() ?? "no answer"})";

    /// <summary>The first item of a list (one small request), or the error the API gave.</summary>
    private static async Task<(T? Item, ClockifyApiException? Error)> FirstAsync<T>(IAsyncEnumerable<T> items) where T : class
    {
        try
        {
            await foreach (var item in items) return (item, null);
            return (null, null);
        }
        catch (ClockifyApiException error)
        {
            return (null, error);
        }
    }
}

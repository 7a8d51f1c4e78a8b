using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Modes;

/// <summary>A sync: wires the settings, the Clockify client and the streams to the Singer writer.</summary>
public static class SyncMode
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    // Clockify started in 2017: a detailed report reaching back that far covers all history.
    private static readonly DateTimeOffset EarliestClockifyData = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(TapSettings settings, SelectionMask selection, TapState state, Stream stdout, TapLog log, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Maps are checked against the selected streams before anything is written.
        var maps = settings.StreamMaps.IsEmpty ? null : settings.StreamMaps.Plan(StreamRegistry.All, selection);
        var metrics = new SingerMetrics(log);
        using var writer = new SingerWriter(stdout);
        using var client = new ClockifyClient(settings.ToClientOptions(), clock, log.Warning, timing => metrics.Timer("http_request_duration", timing.Duration, new JObject
        {
            ["endpoint"] = timing.Endpoint,
            ["method"] = timing.Method,
            ["http_status_code"] = timing.Status,
            ["status"] = timing.Status is >= 200 and < 300 ? "succeeded" : "failed",
        }));

        var started = clock.GetTimestamp();
        var syncStartedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var versions = settings.ActivateVersion
            ? new TableVersions(writer, state, clock.GetUtcNow().ToUnixTimeMilliseconds(),
                StreamRegistry.All.Where(s => s.Replication == ReplicationMethod.FullTable && selection.IsSelected(s.Name)
                    && (maps is null || maps[s.Name].Outputs.Count > 0)).Select(s => s.Name))
            {
                OutputNames = stream => maps is null ? [stream] : maps[stream].Outputs.Select(o => o.Name),
            }
            : TableVersions.None(writer, state);
        var sink = new RecordSink(writer, selection, StreamRegistry.All, clock, versions, log.Warning, settings.ValidateRecords, maps);

        var timeEntries = (TimeEntriesStream)StreamRegistry.Get("time_entries");
        ITimeEntrySource timeEntrySource = settings.TimeEntriesSource == TimeEntriesSource.DetailedReport
            ? new DetailedReportTimeEntrySource(client, timeEntries, settings.StartDate ?? EarliestClockifyData, TimeSpan.FromDays(settings.ReportWindowDays), log.Warning)
            : new PerUserTimeEntrySource(client, timeEntries, settings.PageSize);
        var options = new SyncOptions(settings.WorkspaceIds, settings.PageSize, timeEntrySource, settings.StartDate,
            TimeSpan.FromDays(settings.LookbackDays), syncStartedAt, settings.MaxConcurrency,
            settings.ChangeTracking ? new EntityChangesFeed(client, settings.PageSize) : null);
        var output = new SyncOutput(sink, () => writer.WriteState(state), clock);
        var sync = new ClockifySync(client, output, versions, state, options, clock, log.Info, log.Warning);

        using var progress = new ProgressReporter(sink, () => $"{client.RequestCount} requests, {client.RetryCount} retries", log, metrics, clock, ProgressInterval);
        try
        {
            await sync.RunAsync(cancellationToken);
        }
        catch
        {
            // Bookmarks that moved since the last STATE cover records already written: a resumed run need not read them again.
            output.EmitPendingState();
            throw;
        }
        finally
        {
            // Records already written are valid whatever happens next; get them out.
            writer.Flush();
            progress.ReportCounts();
            log.Info($"{client.RequestCount} requests, {client.RetryCount} retries, {clock.GetElapsedTime(started).TotalSeconds:0.0} s; records: "
                + string.Join(", ", sink.Counts.Select(c => $"{c.Key} {c.Value}")));
            if (sync.Skipped.Summary() is { } skips) log.Warning(skips);
            foreach (var (stream, count) in sink.SkippedWithoutKey)
                log.Warning($"stream {stream}: {count} records skipped because a key property was null or missing");
            if (writer.ReplacedSurrogates > 0)
                log.Warning($"{writer.ReplacedSurrogates} lone UTF-16 surrogates or invalid UTF-8 sequences in Clockify's text were written as U+FFFD");
        }
        writer.WriteState(state);
        if (settings.FailOnSkip && sync.Skipped.All.Count > 0)
            throw new SkippedPartitionsException($"{sync.Skipped.All.Count} parts of the account were skipped and fail_on_skip is on; everything else was written (see the warnings above)");
    }
}

/// <summary>The run wrote all it could, but fail_on_skip asks for a failure when anything was skipped.</summary>
public sealed class SkippedPartitionsException(string message) : Exception(message);

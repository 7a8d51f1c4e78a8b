using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using TapClockify;
using TapClockify.Clockify;
using TapClockify.Singer;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Cli;
using TapClockify.Singer.Messages;
using TapClockify.Singer.State;
using TapClockify.Singer.Sync;
using TapClockify.Streams;
using TapClockify.Streams.TimeEntries;

var clock = TimeProvider.System;
var log = new TapLog(Console.Error, LogLevel.Info, clock);
var parsed = new Parser(settings => { settings.HelpWriter = null; settings.CaseSensitive = true; })
    .ParseArguments<SingerArguments>(args);

if (parsed is NotParsed<SingerArguments> notParsed)
{
    if (notParsed.Errors.IsHelp() || notParsed.Errors.IsVersion())
    {
        Console.Out.WriteLine(notParsed.Errors.IsVersion() ? $"{TapSettings.TapName} {TapVersion.Current}" : HelpText.AutoBuild(parsed, h => h, e => e));
        return 0;
    }
    var first = notParsed.Errors.First();
    log.Error($"{TapSettings.TapName}: {DescribeParseError(first)}; run {TapSettings.TapName} --help");
    return 2;
}

var arguments = ((Parsed<SingerArguments>)parsed).Value;
if (arguments.Validate() is { } problem)
{
    log.Error($"{TapSettings.TapName}: {problem}");
    return 2;
}

var about = new AboutMode(TapSettings.TapName,
    "Singer tap for Clockify: time entries and their tags (incremental), workspaces, projects, tasks, clients, tags, user groups, custom fields, users and their memberships.",
    TapVersion.Current, ["catalog", "properties", "discover", "state", "about", "activate-version"], TapSettings.Definitions);

try
{
    if (arguments.About)
    {
        Console.Out.Write(arguments.Format == "markdown"
            ? about.ToMarkdown(TapSettings.TapName.Replace('-', '_').ToUpperInvariant() + "_")
            : about.ToJson().ToString(Formatting.Indented) + "\n");
        return 0;
    }

    var settings = TapSettings.Load(InputFiles.ReadJson("--config", arguments.Config!)!, arguments.Config!, Environment.GetEnvironmentVariable);
    log.AddSecret(settings.ApiKey);
    log.Minimum = TapLog.ParseLevel(settings.LogLevel);

    if (arguments.Discover)
    {
        Console.Out.Write(Catalog.Discover(StreamRegistry.All).ToJson().ToString(Formatting.Indented) + "\n");
        return 0;
    }

    var catalogPath = arguments.Catalog ?? arguments.Properties;
    var selection = catalogPath is null
        ? SelectionMask.All(StreamRegistry.All)
        : SelectionMask.FromCatalog(Catalog.Parse(InputFiles.ReadJson(arguments.Catalog is null ? "--properties" : "--catalog", catalogPath)!, catalogPath), StreamRegistry.All);
    var state = arguments.State is null
        ? TapState.Empty()
        : TapState.Parse(InputFiles.ReadJson("--state", arguments.State, emptyIsNull: true), arguments.State);

    using var writer = new SingerWriter(Console.OpenStandardOutput());
    using var client = new ClockifyClient(settings.ToClientOptions(), message => log.Warning(message));
    var started = clock.GetTimestamp();
    var syncStartedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
    var versions = settings.ActivateVersion
        ? new TableVersions(writer, state, clock.GetUtcNow().ToUnixTimeMilliseconds(),
            StreamRegistry.All.Where(s => s.Replication == ReplicationMethod.FullTable && selection.IsSelected(s.Name)).Select(s => s.Name))
        : TableVersions.None(writer, state);
    var sink = new RecordSink(writer, selection, StreamRegistry.All, clock, versions.VersionOf);
    versions.Begin();
    ITimeEntrySource timeEntrySource = settings.TimeEntriesSource == "detailed_report"
        ? new DetailedReportTimeEntrySource(client, settings.StartDate ?? EarliestClockifyData(), TimeSpan.FromDays(settings.ReportWindowDays), log.Warning)
        : new PerUserTimeEntrySource(client, StreamRegistry.Get("time_entries").Path!, settings.PageSize);
    var syncOptions = new SyncOptions(settings.WorkspaceIds, settings.PageSize, timeEntrySource, settings.StartDate,
        TimeSpan.FromDays(settings.LookbackDays), syncStartedAt, settings.MaxConcurrency,
        settings.ChangeTracking ? new EntityChangesFeed(client, settings.PageSize) : null);
    var sync = new ClockifySync(client, sink, versions, state, syncOptions, () => writer.WriteState(state.Snapshot()), log.Info, log.Warning);
    try
    {
        await sync.RunAsync(CancellationToken.None);
    }
    finally
    {
        // Records already written are valid whatever happens next; get them out.
        writer.Flush();
        log.Info($"{client.RequestCount} requests, {client.RetryCount} retries, {clock.GetElapsedTime(started).TotalSeconds:0.0} s; records: "
            + string.Join(", ", sink.Counts.Select(c => $"{c.Key} {c.Value}")));
    }
    writer.WriteState(state.Snapshot());
    return 0;
}
catch (Exception error) when (error is SingerInputException or WorkspaceAccessException or StreamSyncException or ClockifyApiException or FormatException)
{
    log.Error($"{TapSettings.TapName}: {error.Message}");
    if (log.Minimum == LogLevel.Debug) log.Debug(error.ToString());
    return 1;
}
catch (StateFormatException error)
{
    log.Error($"{TapSettings.TapName}: --state {arguments.State}: {error.Message}");
    return 1;
}
catch (Exception error)
{
    log.Error($"{TapSettings.TapName}: unexpected {error.GetType().Name}: {error.Message} (set log_level to debug for the stack trace)");
    if (log.Minimum == LogLevel.Debug) log.Debug(error.ToString());
    return 1;
}

// Clockify started in 2017: a detailed report reaching back that far covers all history.
static DateTimeOffset EarliestClockifyData() => new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

static string DescribeParseError(Error error) => error switch
{
    UnknownOptionError unknown => $"unknown option --{unknown.Token}",
    MissingValueOptionError missing => $"--{missing.NameInfo.LongName} needs a value",
    BadFormatConversionError bad => $"--{bad.NameInfo.LongName} has a bad value",
    RepeatedOptionError repeated => $"--{repeated.NameInfo.LongName} is given twice",
    _ => error.Tag.ToString(),
};

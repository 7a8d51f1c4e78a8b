using System.Globalization;
using System.Reflection;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer;
using TapClockify.Singer.StreamMaps;

namespace TapClockify;

/// <summary>The config file, read once, checked and turned into typed values.</summary>
public sealed record TapSettings
{
    public const string TapName = "tap-clockify";

    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        new("api_key", SettingKind.Password, "Clockify API key (Clockify: Profile settings > API). Its user must be an owner or admin of the workspaces to extract.", Required: true),
        new("workspace_ids", SettingKind.Array, "Workspaces to extract. Empty: every workspace the key's user owns or administers; others are skipped with a warning. A listed workspace the user cannot administer is an error.", new JArray()),
        new("region", SettingKind.Options, "Where the account's data lives: global, or a regional prefix (euc1 Germany, use2 USA, euw2 UK, apse2 Australia).", "global", Options: ClockifyHosts.Regions),
        new("api_url", SettingKind.String, "Core API root URL overriding the region, such as https://developer.clockify.me/api/v1 or an emulator's. HTTPS except on loopback."),
        new("reports_url", SettingKind.String, "Reports API root URL overriding the region, such as https://developer.clockify.me/report/v1. HTTPS except on loopback."),
        new("start_date", SettingKind.DateIso8601, "Earliest time entry start to extract, RFC 3339 such as 2024-01-01T00:00:00Z. Empty: all history. A user or workspace seen for the first time syncs from here."),
        new("lookback_days", SettingKind.Integer, "Days before each time-entry bookmark that every sync reads again, so edits, deletions of tags and entries added late in that span arrive.", 30),
        new("time_entries_source", SettingKind.Options, "per_user: each user's time-entries list (every status, largest pages). detailed_report: the detailed report, one request per 1000 entries and window, for workspaces whose rate limit forbids a per-user sweep (new free workspaces: 30 requests an hour).", "per_user", Options: ["per_user", "detailed_report"]),
        new("report_window_days", SettingKind.Integer, "Days each detailed report request covers; free plans allow at most 31.", 31),
        new("change_tracking", SettingKind.Boolean, "Also read Clockify's entity-changes API (experimental) for time entries: edits of any age arrive again, and deleted entries arrive with _sdc_deleted_at set. Workspaces whose plan refuses it carry on with lookback_days alone.", false),
        new("activate_version", SettingKind.Boolean, "Version full-table streams and send ACTIVATE_VERSION, so targets that honour it drop rows deleted in Clockify (clients, tags, projects, ...). Turn off for targets that reject the message.", true),
        new("fail_on_skip", SettingKind.Boolean, "Exit non-zero when anything was skipped (a stream, a user's time entries or a workspace synced before that the API refused), once everything else was written and its STATE emitted. Off: such a run exits 0 with one warning naming every skip; either way skipped parts keep their rows and bookmarks.", false),
        new("page_size", SettingKind.Integer, "Items per page on list endpoints (1 to 5000); the largest page makes the fewest requests.", ClockifyDefaults.MaxPageSize),
        new("max_requests_per_second", SettingKind.Number, "Requests per second across the whole run, retries included, never more in any one second (paced at 95% of it). Paid plans allow 50; a new free workspace 30 an hour.", Number(ClockifyDefaults.MaxRequestsPerSecond)),
        new("max_concurrency", SettingKind.Integer, "Partitions (workspaces, streams, projects' tasks, users' time entries) read at the same time, so slow responses do not leave the allowed rate idle.", 8),
        new("max_attempts", SettingKind.Integer, "Attempts per request before the run fails (429, 5xx, timeouts, dropped connections, broken bodies).", ClockifyDefaults.MaxAttempts),
        new("max_retry_wait_seconds", SettingKind.Number, "Longest total wait between the attempts of one request before the run fails.", Number(ClockifyDefaults.MaxRetryWait.TotalSeconds)),
        new("retry_backoff_seconds", SettingKind.Number, "Wait before the first retry of a request; each later one waits about twice as long (with jitter), unless Clockify sends Retry-After.", Number(ClockifyDefaults.FirstRetryDelay.TotalSeconds)),
        new("request_timeout_seconds", SettingKind.Number, "Timeout of one attempt of a request.", Number(ClockifyDefaults.RequestTimeout.TotalSeconds)),
        new("user_agent", SettingKind.String, "User-Agent header sent to Clockify.", $"{TapName}/{TapVersion.Current}"),
        new("stream_maps", SettingKind.Object, "Meltano SDK stream maps: per stream, properties to remove (null) or to compute with an expression such as md5(email), a filter, a new name, copies and key; a stream set to null is not written. See Stream maps in the README."),
        new("stream_map_config", SettingKind.Object, "Values the stream_maps expressions read as config['name'], such as a hash seed."),
        new("validate_records", SettingKind.Boolean, "Check every record against its stream's JSON Schema before writing it; a mismatch fails the run naming the stream, the record and the field.", false),
        new("log_level", SettingKind.Options, "Least severity of the log lines written to stderr; debug also prints stack traces of failures.", "info", Options: ["debug", "info", "warning", "error"]),
        new("log_format", SettingKind.Options, "text: one readable line per event; json: one JSON object per line (time, level, message).", "text", Options: ["text", "json"]),
    ];

    /// <summary>A default as JSON: whole numbers without a fraction, as people write them.</summary>
    private static JValue Number(double value) => value == Math.Floor(value) ? new JValue((long)value) : new JValue(value);

    public required string ApiKey { get; init; }
    public required IReadOnlyList<string> WorkspaceIds { get; init; }
    public required ClockifyHosts Hosts { get; init; }
    public required DateTimeOffset? StartDate { get; init; }
    public required int LookbackDays { get; init; }
    public required TimeEntriesSource TimeEntriesSource { get; init; }
    public required int ReportWindowDays { get; init; }
    public required bool ActivateVersion { get; init; }
    public required bool ChangeTracking { get; init; }
    public required bool FailOnSkip { get; init; }
    public required int PageSize { get; init; }
    public required double MaxRequestsPerSecond { get; init; }
    public required int MaxConcurrency { get; init; }
    public required int MaxAttempts { get; init; }
    public required TimeSpan MaxRetryWait { get; init; }
    public required TimeSpan RequestTimeout { get; init; }
    public required TimeSpan RetryBackoff { get; init; }
    public required string UserAgent { get; init; }
    public required LogLevel LogLevel { get; init; }
    public required bool LogAsJson { get; init; }
    public required bool ValidateRecords { get; init; }
    public required StreamMapSettings StreamMaps { get; init; }

    public ClockifyClientOptions ToClientOptions() => new()
    {
        ApiKey = ApiKey,
        Hosts = Hosts,
        UserAgent = UserAgent,
        MaxRequestsPerSecond = MaxRequestsPerSecond,
        MaxAttempts = MaxAttempts,
        MaxRetryWait = MaxRetryWait,
        RequestTimeout = RequestTimeout,
        FirstRetryDelay = RetryBackoff,
    };

    /// <summary>
    /// Reads settings from the config JSON, falling back to TAP_CLOCKIFY_&lt;SETTING&gt; environment
    /// variables, then to defaults. Every problem is one sentence naming the file and the setting.
    /// </summary>
    public static TapSettings Load(JToken config, string source, Func<string, string?> environment)
    {
        if (config is not JObject values)
            throw new SingerInputException($"{source}: the config must be a JSON object such as {{\"api_key\": \"...\"}}");
        var reader = new SettingReader(values, source, environment);

        var apiKey = reader.String("api_key");
        if (string.IsNullOrWhiteSpace(apiKey))
            throw new SingerInputException($"{source}: api_key is missing; put your Clockify API key there (Clockify: Profile settings > API) or set TAP_CLOCKIFY_API_KEY");

        ClockifyHosts hosts;
        try
        {
            hosts = ClockifyHosts.Resolve(reader.String("region"), reader.String("api_url"), reader.String("reports_url"));
        }
        catch (ArgumentException bad)
        {
            throw new SingerInputException($"{source}: {bad.Message}");
        }

        return new TapSettings
        {
            ApiKey = apiKey.Trim(),
            WorkspaceIds = reader.StringList("workspace_ids"),
            Hosts = hosts,
            StartDate = reader.Timestamp("start_date"),
            LookbackDays = reader.Integer("lookback_days", 0, 3650),
            TimeEntriesSource = reader.Option("time_entries_source") == "detailed_report" ? TimeEntriesSource.DetailedReport : TimeEntriesSource.PerUser,
            ReportWindowDays = reader.Integer("report_window_days", 1, 366),
            ActivateVersion = reader.Boolean("activate_version"),
            ChangeTracking = reader.Boolean("change_tracking"),
            FailOnSkip = reader.Boolean("fail_on_skip"),
            PageSize = reader.Integer("page_size", 1, ClockifyDefaults.MaxPageSize),
            MaxRequestsPerSecond = reader.Number("max_requests_per_second", 0.0001, 1000),
            MaxConcurrency = reader.Integer("max_concurrency", 1, 64),
            MaxAttempts = reader.Integer("max_attempts", 1, 100),
            MaxRetryWait = TimeSpan.FromSeconds(reader.Number("max_retry_wait_seconds", 0, 86400)),
            RequestTimeout = TimeSpan.FromSeconds(reader.Number("request_timeout_seconds", 1, 3600)),
            RetryBackoff = TimeSpan.FromSeconds(reader.Number("retry_backoff_seconds", 0.001, 600)),
            UserAgent = reader.String("user_agent")!,
            LogLevel = reader.Option("log_level") switch
            {
                "debug" => LogLevel.Debug,
                "warning" => LogLevel.Warning,
                "error" => LogLevel.Error,
                _ => LogLevel.Info,
            },
            LogAsJson = reader.Option("log_format") == "json",
            ValidateRecords = reader.Boolean("validate_records"),
            StreamMaps = StreamMapSettings.Parse(reader.Object("stream_maps"), reader.Object("stream_map_config"), source),
        };
    }

    /// <summary>Reads one setting at a time: the file's value, else the environment's, else the default.</summary>
    private sealed class SettingReader(JObject values, string source, Func<string, string?> environment)
    {
        private JToken? Raw(string name)
        {
            var definition = Definitions.First(d => d.Name == name);
            if (values[name] is { Type: not JTokenType.Null } value) return value;
            var fromEnvironment = environment(definition.EnvironmentVariable(TapName));
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return (definition.Kind == SettingKind.Array && fromEnvironment.TrimStart().StartsWith('[')) || definition.Kind == SettingKind.Object
                    ? TapJson.Parse(fromEnvironment)
                    : new JValue(fromEnvironment);
            }
            return definition.Default;
        }

        public string? String(string name) => Raw(name) switch
        {
            null => null,
            JValue { Type: JTokenType.String } text => (string)text!,
            var other => throw Bad(name, $"must be text, not {other.Type.ToString().ToLowerInvariant()}"),
        };

        public string Option(string name)
        {
            var definition = Definitions.First(d => d.Name == name);
            var value = String(name)!.Trim().ToLowerInvariant();
            if (!definition.Options!.Contains(value))
                throw Bad(name, $"is \"{value}\"; use one of {string.Join(", ", definition.Options!)}");
            return value;
        }

        public DateTimeOffset? Timestamp(string name)
        {
            var text = String(name)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (!Timestamps.TryParse(text, out var value))
                throw Bad(name, $"\"{text}\" is not a date-time such as 2024-01-01T00:00:00Z");
            // Without a zone the moment depends on whose clock reads it: ask for it rather than guess.
            if (!HasTimeZone(text))
                throw Bad(name, $"\"{text}\" has no time zone; write it with one, such as {Timestamps.ForQuery(value)} for UTC");
            return value;
        }

        private static bool HasTimeZone(string text)
        {
            var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
            if (time < 0) time = text.IndexOf(' ');
            if (time < 0) return false;
            var clock = text[(time + 1)..];
            return clock.EndsWith('Z') || clock.EndsWith('z') || clock.Contains('+') || clock.Contains('-');
        }

        public IReadOnlyList<string> StringList(string name) => Raw(name) switch
        {
            null => [],
            JArray array when array.All(i => i.Type == JTokenType.String) =>
                array.Select(i => i.ToString().Trim()).Where(i => i.Length > 0).ToList(),
            // A comma-separated text, as an environment variable gives it; in the file a list is a JSON list.
            JValue { Type: JTokenType.String } text when values[name] is null or { Type: JTokenType.Null } =>
                text.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JValue { Type: JTokenType.String } text =>
                throw Bad(name, $"is the text \"{text}\"; write a list of ids such as [\"{text.ToString().Split(',')[0].Trim()}\"]"),
            _ => throw Bad(name, "must be a list of ids such as [\"64a687e29ae1f428e7ebe303\"]"),
        };

        public JObject? Object(string name)
        {
            JToken? raw;
            try
            {
                raw = Raw(name);
            }
            catch (Newtonsoft.Json.JsonException bad)
            {
                throw Bad(name, $"from {Definitions.First(d => d.Name == name).EnvironmentVariable(TapName)} is not JSON: {bad.Message}");
            }
            return raw switch
            {
                null or { Type: JTokenType.Null } => null,
                JObject value => value,
                _ => throw Bad(name, "must be an object"),
            };
        }

        public bool Boolean(string name) => Raw(name) switch
        {
            JValue { Type: JTokenType.Boolean } flag => (bool)flag,
            JValue { Type: JTokenType.String } text when bool.TryParse(text.ToString(), out var parsed) => parsed,
            _ => throw Bad(name, "must be true or false"),
        };

        public int Integer(string name, int min, int max)
        {
            var value = Number(name, min, max);
            if (value != Math.Floor(value)) throw Bad(name, $"must be a whole number from {min} to {max}");
            return (int)value;
        }

        public double Number(string name, double min, double max)
        {
            var raw = Raw(name);
            double value;
            if (raw is JValue { Type: JTokenType.Integer or JTokenType.Float } number) value = number.Value<double>();
            else if (raw is JValue { Type: JTokenType.String } text
                     && double.TryParse(text.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) value = parsed;
            else throw Bad(name, "must be a number");
            if (value < min || value > max) throw Bad(name, $"is {value.ToString(CultureInfo.InvariantCulture)}; use a value from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return value;
        }

        private SingerInputException Bad(string name, string problem) => new($"{source}: {name} {problem}");
    }
}

/// <summary>Where time entries are read from (time_entries_source).</summary>
public enum TimeEntriesSource { PerUser, DetailedReport }

public static class TapVersion
{
    /// <summary>The csproj's Version as written (a pre-release suffix included), which the assembly version would drop.</summary>
    public static string Current { get; } =
        typeof(TapVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}

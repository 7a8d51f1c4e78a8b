using Newtonsoft.Json.Linq;
using TapClockify.Singer.Catalog;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>
/// The settings stream_maps and stream_map_config, read as the Meltano SDK documents them: per
/// stream, properties set to null (removed) or to an expression, __else__, __filter__, __alias__,
/// __source__, __key_properties__; a stream set to null is not written; a top-level
/// "__else__": null drops every stream not named; stream names may use * and ? wildcards.
/// Everything is checked against the streams' schemas before anything is written.
/// </summary>
public sealed class StreamMapSettings
{
    private const string Else = "__else__";
    private const string Filter = "__filter__";
    private const string Alias = "__alias__";
    private const string Source = "__source__";
    private const string KeyProperties = "__key_properties__";
    // The SDK's way to write null where a YAML or environment value cannot be null.
    private const string NullText = "__NULL__";

    private readonly List<StreamDefinition> _definitions;
    private readonly bool _dropsUnnamedStreams;
    private readonly JObject _config;
    private readonly string _source;

    private StreamMapSettings(List<StreamDefinition> definitions, bool dropsUnnamedStreams, JObject config, string source)
    {
        _definitions = definitions;
        _dropsUnnamedStreams = dropsUnnamedStreams;
        _config = config;
        _source = source;
    }

    public static StreamMapSettings None { get; } = new([], false, new JObject(), "");

    public bool IsEmpty => _definitions.Count == 0 && !_dropsUnnamedStreams;

    /// <summary>One entry of stream_maps.</summary>
    private sealed record StreamDefinition(
        string Key,
        bool Removed,
        string? Alias,
        string? Source,
        string? Filter,
        bool SetsKeyProperties,
        IReadOnlyList<string> KeyProperties,
        bool KeepsOnlyListed,
        IReadOnlyList<(string Name, string? Expression)> Properties)
    {
        /// <summary>The stream (or pattern of streams) whose records this entry reads.</summary>
        public string SourcePattern => Source ?? Key;
    }

    /// <param name="source">The config file, named at the start of every error.</param>
    public static StreamMapSettings Parse(JToken? streamMaps, JToken? streamMapConfig, string source)
    {
        var config = streamMapConfig switch
        {
            null or { Type: JTokenType.Null } => new JObject(),
            JObject value => value,
            _ => throw new SingerInputException($"{source}: stream_map_config must be an object such as {{\"hash_seed\": \"...\"}}"),
        };
        if (streamMaps is null || streamMaps.Type == JTokenType.Null) return new StreamMapSettings([], false, config, source);
        if (streamMaps is not JObject maps)
            throw new SingerInputException($"{source}: stream_maps must be an object of stream names, such as {{\"users\": {{\"email\": null}}}}");

        var definitions = new List<StreamDefinition>();
        var dropsUnnamed = false;
        foreach (var entry in maps.Properties())
        {
            var where = $"{source}: stream_maps, stream {entry.Name}";
            if (entry.Name == Else)
            {
                if (!IsNull(entry.Value)) throw new SingerInputException($"{source}: stream_maps, {Else} can only be null (drop the streams not named)");
                dropsUnnamed = true;
                continue;
            }
            if (entry.Name.StartsWith("__", StringComparison.Ordinal))
                throw new SingerInputException($"{source}: stream_maps, {entry.Name} is not an option of stream_maps (only {Else})");
            if (IsNull(entry.Value))
            {
                definitions.Add(new StreamDefinition(entry.Name, true, null, null, null, false, [], false, []));
                continue;
            }
            if (entry.Value is not JObject definition)
                throw new SingerInputException($"{where}: expected an object of properties or null, got {Describe(entry.Value)}");
            definitions.Add(ParseStream(entry.Name, definition, where));
        }
        return new StreamMapSettings(definitions, dropsUnnamed, config, source);
    }

    private static StreamDefinition ParseStream(string key, JObject definition, string where)
    {
        string? alias = null, sourceStream = null, filter = null;
        var setsKeys = false;
        IReadOnlyList<string> keys = [];
        var keepsOnlyListed = false;
        var properties = new List<(string, string?)>();
        foreach (var option in definition.Properties())
        {
            var value = option.Value;
            switch (option.Name)
            {
                case Alias:
                    alias = Text(value, $"{where}, {Alias}", "the new stream name");
                    break;
                case Source:
                    sourceStream = Text(value, $"{where}, {Source}", "the name of the stream to copy");
                    break;
                case Filter:
                    filter = Text(value, $"{where}, {Filter}", "an expression such as \"archived == False\"");
                    break;
                case KeyProperties:
                    setsKeys = true;
                    keys = IsNull(value) ? []
                        : value is JArray list && list.All(i => i.Type == JTokenType.String) ? list.Select(i => i.ToString()).ToList()
                        : throw new SingerInputException($"{where}, {KeyProperties}: expected a list of property names or null, got {Describe(value)}");
                    break;
                case Else:
                    if (!IsNull(value)) throw new SingerInputException($"{where}, {Else}: can only be null (keep only the properties listed and the key)");
                    keepsOnlyListed = true;
                    break;
                default:
                    if (option.Name.StartsWith("__", StringComparison.Ordinal))
                        throw new SingerInputException($"{where}: unknown option {option.Name} (options: {Alias}, {Source}, {Filter}, {KeyProperties}, {Else})");
                    if (IsNull(value)) properties.Add((option.Name, null));
                    else if (value.Type == JTokenType.String) properties.Add((option.Name, value.ToString()));
                    else throw new SingerInputException($"{where}, property {option.Name}: expected an expression in a string, or null to remove it, got {Describe(value)}");
                    break;
            }
        }
        if (alias is not null && sourceStream is not null)
            throw new SingerInputException($"{where}: {Alias} and {Source} together; a stream made with {Source} is named by its key ({key})");
        return new StreamDefinition(key, false, alias, sourceStream, filter, setsKeys, keys, keepsOnlyListed, properties);
    }

    private static bool IsNull(JToken value) => value.Type == JTokenType.Null || (value.Type == JTokenType.String && value.ToString() == NullText);

    private static string Text(JToken value, string where, string expected) =>
        value.Type == JTokenType.String && value.ToString().Length > 0
            ? value.ToString()
            : throw new SingerInputException($"{where}: expected {expected} as a string, got {Describe(value)}");

    private static string Describe(JToken value) => value.Type switch
    {
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Array => "a list",
        JTokenType.Object => "an object",
        JTokenType.String => value.ToString().Length == 0 ? "an empty string" : $"the text \"{value}\"",
        _ => value.Type.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The plan of every selected stream, keyed by the tap's stream name. Fails, naming the
    /// stream and the property, on any map the tap cannot honour, before anything is written.
    /// </summary>
    public IReadOnlyDictionary<string, StreamMapPlan> Plan(IReadOnlyList<ITapStream> streams, SelectionMask selection)
    {
        foreach (var definition in _definitions.Where(d => !streams.Any(s => Matches(s.Name, d.SourcePattern))))
        {
            throw new SingerInputException($"{_source}: stream_maps, stream {definition.Key}: the tap has no stream {definition.SourcePattern} "
                + $"(its streams: {string.Join(", ", streams.Select(s => s.Name))})");
        }

        var plans = new Dictionary<string, StreamMapPlan>();
        var writtenBy = new Dictionary<string, string>();
        foreach (var stream in streams.Where(s => selection.IsSelected(s.Name)))
        {
            var plan = PlanOf(stream, selection.SelectedProperties(stream.Name));
            foreach (var output in plan.Outputs)
            {
                if (writtenBy.TryGetValue(output.Name, out var other))
                    throw new SingerInputException($"{_source}: stream_maps: two streams would be named {output.Name} (from {other} and from {stream.Name}); give one another name with {Alias}");
                writtenBy[output.Name] = stream.Name;
            }
            plans[stream.Name] = plan;
        }
        return plans;
    }

    private StreamMapPlan PlanOf(ITapStream stream, IReadOnlySet<string> selected)
    {
        var columns = StreamMapPlan.SelectedColumns(stream, selected);
        var unmapped = StreamMapPlan.Unmapped(stream, selected);

        MappedStream? primary = _dropsUnnamedStreams ? null : unmapped.Outputs[0];
        var copies = new List<MappedStream>();
        foreach (var definition in _definitions)
        {
            var pattern = definition.SourcePattern;
            if (!Matches(stream.Name, pattern)) continue;
            // A pattern without an alias names each stream it matches by that stream's own name.
            var name = definition.Source is not null ? definition.Key
                : definition.Alias ?? (pattern == stream.Name || pattern.IndexOfAny(['*', '?']) < 0 ? definition.Key : stream.Name);
            var output = definition.Removed ? null : Output(stream, columns, definition, name);
            if (definition.Source is null) primary = output;
            else if (output is not null) copies.Add(output);
        }
        if (_definitions.Count == 0 && !_dropsUnnamedStreams) return unmapped;
        return new StreamMapPlan(columns, primary is null ? copies : [primary, .. copies]);
    }

    private MappedStream Output(ITapStream stream, IReadOnlyList<string> sourceColumns, StreamDefinition definition, string name)
    {
        var where = $"{_source}: stream_maps, stream {definition.Key}";
        var schemaProperties = (JObject)stream.Schema["properties"]!;
        var selectedProperties = new JObject(sourceColumns.Select(c => new JProperty(c, schemaProperties[c]!.DeepClone())));
        var keys = definition.SetsKeyProperties ? definition.KeyProperties : stream.KeyProperties;

        var columns = new Dictionary<string, MappedColumn>();
        foreach (var (column, index) in sourceColumns.Select((c, i) => (c, i)))
        {
            if (!definition.KeepsOnlyListed || keys.Contains(column))
                columns[column] = new MappedColumn(column, index, null, null, (JObject)schemaProperties[column]!);
        }
        var added = new List<string>();
        foreach (var (property, expression) in definition.Properties)
        {
            if (expression is null)
            {
                if (keys.Contains(property))
                    throw new SingerInputException($"{where}, property {property}: it is a key property, so it cannot be removed; "
                        + $"set {KeyProperties} to the new key (or null for none)");
                if (schemaProperties[property] is null)
                    throw new SingerInputException($"{where}, property {property}: the stream has no such property to remove");
                columns.Remove(property);
                continue;
            }
            MapNode node;
            try
            {
                node = MapExpressionParser.Parse(expression, new MapScope(sourceColumns, selectedProperties, _config, property));
            }
            catch (MapExpressionException bad)
            {
                throw new SingerInputException($"{where}, property {property} (\"{expression}\"): {bad.Message}");
            }
            columns[property] = node is ColumnNode copied
                ? new MappedColumn(property, copied.Index, null, null, copied.Schema)
                : new MappedColumn(property, -1, node, expression, node.Schema);
            if (!sourceColumns.Contains(property)) added.Add(property);
        }

        MapNode? filter = null;
        if (definition.Filter is { } filterText)
        {
            try
            {
                filter = MapExpressionParser.Parse(filterText, new MapScope(sourceColumns, selectedProperties, _config, null));
            }
            catch (MapExpressionException bad)
            {
                throw new SingerInputException($"{where}, {Filter} (\"{filterText}\"): {bad.Message}");
            }
        }

        foreach (var key in keys.Where(k => !columns.ContainsKey(k)))
        {
            throw new SingerInputException(definition.SetsKeyProperties
                ? $"{where}, {KeyProperties}: {key} is not a property of the mapped stream"
                : $"{where}: the key property {key} is not selected or not kept; keep it or set {KeyProperties}");
        }

        // The source's properties that remain keep their place; new ones follow in the map's order.
        var ordered = sourceColumns.Where(columns.ContainsKey).Concat(added).Select(c => columns[c]).ToList();
        var bookmarks = stream.ReplicationKey is { } replicationKey && columns.TryGetValue(replicationKey, out var bookmark)
            && bookmark.IsCopy && sourceColumns[bookmark.SourceIndex] == replicationKey ? new[] { replicationKey } : null;
        return new MappedStream(name, StreamMapPlan.SchemaWith(stream.Schema, ordered), keys.ToList(), bookmarks, ordered, filter, definition.Filter);
    }

    /// <summary>A stream name against a stream_maps key, with * (any text) and ? (one character) as fnmatch reads them.</summary>
    public static bool Matches(string name, string pattern)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0) return name == pattern;
        return Matches(name.AsSpan(), pattern.AsSpan());

        static bool Matches(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
        {
            if (pattern.IsEmpty) return name.IsEmpty;
            if (pattern[0] == '*')
            {
                for (var skip = 0; skip <= name.Length; skip++)
                {
                    if (Matches(name[skip..], pattern[1..])) return true;
                }
                return false;
            }
            return !name.IsEmpty && (pattern[0] == '?' || pattern[0] == name[0]) && Matches(name[1..], pattern[1..]);
        }
    }
}

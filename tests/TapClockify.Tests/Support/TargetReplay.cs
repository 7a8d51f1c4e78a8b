using Newtonsoft.Json.Linq;

namespace TapClockify.Tests.Support;

/// <summary>
/// Applies Singer output the way a target that honours the conventions does: RECORDs upsert by
/// key, a record with _sdc_deleted_at deletes its row, and ACTIVATE_VERSION drops the rows of a
/// stream that an older version wrote.
/// </summary>
public sealed class TargetReplay
{
    private readonly Dictionary<string, Dictionary<string, (JObject Row, long? Version)>> _tables = new();
    private readonly Dictionary<string, string[]> _keys = new();

    public IReadOnlyDictionary<string, JObject> Table(string stream) =>
        _tables.TryGetValue(stream, out var table) ? table.ToDictionary(r => r.Key, r => r.Value.Row) : new Dictionary<string, JObject>();

    public void Apply(SingerOutput output)
    {
        foreach (var message in output.All)
        {
            var stream = message["stream"]?.ToString();
            switch (message["type"]!.ToString())
            {
                case "SCHEMA":
                    _keys[stream!] = message["key_properties"]!.Select(k => k.ToString()).ToArray();
                    if (!_tables.ContainsKey(stream!)) _tables[stream!] = new();
                    break;
                case "RECORD":
                    var record = (JObject)message["record"]!;
                    var key = string.Join("|", _keys[stream!].Select(k => record[k]!.ToString()));
                    if (record["_sdc_deleted_at"] is { Type: not JTokenType.Null }) _tables[stream!].Remove(key);
                    else _tables[stream!][key] = (record, message["version"]?.Value<long>());
                    break;
                case "ACTIVATE_VERSION":
                    var version = message["version"]!.Value<long>();
                    var table = _tables[stream!];
                    foreach (var stale in table.Where(r => r.Value.Version != version).Select(r => r.Key).ToList()) table.Remove(stale);
                    break;
            }
        }
    }
}

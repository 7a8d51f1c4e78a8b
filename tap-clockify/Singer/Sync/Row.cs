using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// One row of a stream by column name, before it is conformed to the schema. Values are the API's
/// own tokens, referenced rather than copied: a row costs no clone of what was parsed.
/// </summary>
public sealed class Row() : Dictionary<string, JToken?>(StringComparer.Ordinal);

using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Sync;

/// <summary>
/// One row of a stream by column name, before it is conformed to the schema. Values are the API's
/// own tokens, referenced rather than copied: a row costs no clone of what was parsed.
/// </summary>
public sealed class Row : Dictionary<string, JToken?>
{
    public Row() : base(StringComparer.Ordinal) { }

    /// <param name="capacity">Columns expected, so the row never grows while it is filled.</param>
    public Row(int capacity) : base(capacity, StringComparer.Ordinal) { }
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// The last detailed-report result (matching entries in order, plus totals), reused while a
/// client pages through the same filter and nothing has changed; a large dataset's month can hold
/// tens of thousands of entries, which are too many to filter and sort again for every page.
/// </summary>
internal sealed class ReportCache(ChangeLog changes)
{
    private (string Key, long Version, List<EntryRef> Refs, JObject? Totals)? last;

    public (List<EntryRef> Refs, JObject? Totals) GetOrAdd(string key, Func<(List<EntryRef> Refs, JObject? Totals)> compute)
    {
        if (last is { } hit && hit.Key == key && hit.Version == changes.Version) return (hit.Refs, hit.Totals);
        var (refs, totals) = compute();
        last = (key, changes.Version, refs, totals);
        return (refs, totals);
    }
}

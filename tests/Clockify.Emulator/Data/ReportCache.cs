namespace Clockify.Emulator;

/// <summary>
/// What the detailed report keeps between requests. The large dataset's entries sorted once by
/// start then id (the report's DATE order), so a window's entries are found by binary search
/// instead of being gathered and sorted from the whole workspace per request: a client reading
/// many windows at once asks for a different window with nearly every page. Stored entries are few
/// and may be edited at any time, so they are gathered per request and merged in. Also the last
/// filtered or otherwise sorted result, reused while a client pages through the same filter.
/// </summary>
internal sealed class ReportCache(ChangeLog changes)
{
    private (string Key, long Version, List<EntryRef> Refs)? last;
    private (long Version, EntryRef[] Refs)? synthetic;

    public List<EntryRef> GetOrAdd(string key, Func<List<EntryRef>> compute)
    {
        if (last is { } hit && hit.Key == key && hit.Version == changes.Version) return hit.Refs;
        var refs = compute();
        last = (key, changes.Version, refs);
        return refs;
    }

    /// <summary>Start, then id: the report's DATE order, which also breaks the other orders' ties.</summary>
    public static int InStartOrder(EntryRef a, EntryRef b)
    {
        var byStart = a.StartTicks.CompareTo(b.StartTicks);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Every entry of the workspace whose start lies in the window, in <see cref="InStartOrder"/>.</summary>
    public IReadOnlyList<EntryRef> InWindow(EmulatorWorkspace workspace, StartWindow window)
    {
        var stored = new List<EntryRef>();
        foreach (var entry in workspace.TimeEntries)
        {
            var startTicks = TimeEntryShape.Start(entry).UtcTicks;
            if (window.Contains(startTicks)) stored.Add(EntryRef.Of(entry, startTicks));
        }
        stored.Sort(InStartOrder);
        if (workspace.Synthetic is not { } source) return stored;
        var generated = SyntheticInWindow(source, window);
        return stored.Count == 0 ? generated : Merge(generated, stored);
    }

    private ArraySegment<EntryRef> SyntheticInWindow(SyntheticTimeEntries source, StartWindow window)
    {
        // An entry adopted by a mutation leaves the synthetic ones; every adoption is a recorded change.
        if (synthetic is not { } index || index.Version != changes.Version)
        {
            var all = new List<EntryRef>();
            source.AddInWindow(null, new StartWindow(null, null, ToInclusive: false), all);
            all.Sort(InStartOrder);
            index = (changes.Version, all.ToArray());
            synthetic = index;
        }
        var refs = index.Refs;
        var first = window.From is { } from ? FirstAtOrAfter(refs, from.UtcTicks) : 0;
        var end = window.To is not { } to ? refs.Length
            : window.ToInclusive ? FirstAtOrAfter(refs, to.UtcTicks + 1) : FirstAtOrAfter(refs, to.UtcTicks);
        return new ArraySegment<EntryRef>(refs, first, Math.Max(first, end) - first);
    }

    /// <summary>The index of the first entry starting at or after <paramref name="ticks"/>.</summary>
    private static int FirstAtOrAfter(EntryRef[] refs, long ticks)
    {
        int low = 0, high = refs.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (refs[middle].StartTicks < ticks) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static List<EntryRef> Merge(IReadOnlyList<EntryRef> first, List<EntryRef> second)
    {
        var merged = new List<EntryRef>(first.Count + second.Count);
        int i = 0, j = 0;
        while (i < first.Count && j < second.Count) merged.Add(InStartOrder(first[i], second[j]) <= 0 ? first[i++] : second[j++]);
        while (i < first.Count) merged.Add(first[i++]);
        while (j < second.Count) merged.Add(second[j++]);
        return merged;
    }
}

using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// A time entry located without building its JSON: either a stored <see cref="JObject"/> or a
/// synthetic (user, index) pair of the large dataset, built only when a page needs it.
/// </summary>
internal readonly record struct EntryRef(long StartTicks, string UserId, JObject? Stored, SyntheticTimeEntries? Source, int User, int Index)
{
    public static EntryRef Of(JObject stored, long startTicks) => new(startTicks, (string)stored["userId"]!, stored, null, -1, -1);

    public string Id => Stored != null ? (string)Stored["id"]! : Source!.Id(User, Index);

    public JObject Materialize() => Stored ?? Source!.Build(User, Index);

    public EntryFacts Facts() => Stored != null ? EntryFacts.Of(Stored) : Source!.Facts(User, Index);

    /// <summary>Sorts <see cref="NewestFirst"/>; a user's generated entries come in that order already,
    /// and checking it costs a pass instead of a sort.</summary>
    public static void SortNewestFirst(List<EntryRef> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (NewestFirst(entries[i - 1], entries[i]) > 0)
            {
                entries.Sort(NewestFirst);
                return;
            }
        }
    }

    /// <summary>Newest first, then id: the order of the user time-entries endpoint.</summary>
    public static int NewestFirst(EntryRef a, EntryRef b)
    {
        var byStart = b.StartTicks.CompareTo(a.StartTicks);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
    }
}

/// <summary>What report totals and sorting need from an entry; a running timer counts 0 seconds.</summary>
internal readonly record struct EntryFacts(long DurationSeconds, bool Billable, double HourlyRateCents)
{
    public double EarnedAmount => Billable ? Math.Round(HourlyRateCents * DurationSeconds / 3600.0, 2) : 0.0;

    public static EntryFacts Of(JObject entry)
    {
        var end = TimeEntryShape.End(entry);
        var seconds = end is { } stop ? (long)(stop - TimeEntryShape.Start(entry)).TotalSeconds : 0;
        return new EntryFacts(seconds, (bool?)entry["billable"] == true, Amount(entry["hourlyRate"]));
    }

    /// <summary>Cents of a rate object; a null rate counts as 0.</summary>
    public static double Amount(JToken? rate) => (double?)(rate as JObject)?["amount"] ?? 0;
}

/// <summary>A window on entry start times; the lower bound is always inclusive.</summary>
internal readonly record struct StartWindow(DateTimeOffset? From, DateTimeOffset? To, bool ToInclusive)
{
    public bool Contains(long startTicks) =>
        (From is not { } from || startTicks >= from.UtcTicks) &&
        (To is not { } to || (ToInclusive ? startTicks <= to.UtcTicks : startTicks < to.UtcTicks));
}

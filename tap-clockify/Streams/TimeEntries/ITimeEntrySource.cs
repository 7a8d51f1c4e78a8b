using TapClockify.Singer.Sync;

namespace TapClockify.Streams.TimeEntries;

/// <summary>Where time entries come from; both sources hand over rows of the time_entries stream, alike whatever the source.</summary>
public interface ITimeEntrySource
{
    /// <summary>True: one partition per user of a workspace; false: one per workspace.</summary>
    bool IsPerUser { get; }

    /// <summary>
    /// The entries of a partition that started at or after <paramref name="from"/> (all when null)
    /// and before <paramref name="to"/>, in batches, so millions of rows need no await each. A batch
    /// and its rows may be reused once the next batch is asked for: write them, do not keep them.
    /// Called in a slot of <paramref name="scheduler"/>; its idle slots may read ahead.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<Row>> FetchAsync(PartitionContext partition, DateTimeOffset? from, DateTimeOffset to, PartitionScheduler scheduler,
        CancellationToken cancellationToken);

    /// <summary>
    /// The spans [from, to) that <see cref="FetchAsync"/> reads apart, which may be read at the same
    /// time; together they cover [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    IReadOnlyList<(DateTimeOffset? From, DateTimeOffset To)> Slices(DateTimeOffset? from, DateTimeOffset to);

    /// <summary>
    /// Rows of the partition's running timers that <see cref="FetchAsync"/> may leave out (each a
    /// row of its own, kept as long as needed); empty when it lists them itself.
    /// </summary>
    Task<IReadOnlyList<Row>> RunningTimersAsync(PartitionContext partition, CancellationToken cancellationToken);
}

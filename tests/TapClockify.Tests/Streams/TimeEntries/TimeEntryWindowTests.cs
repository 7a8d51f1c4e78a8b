using TapClockify.Singer.State;
using TapClockify.Streams;
using TapClockify.Streams.TimeEntries;
using Xunit;

namespace TapClockify.Tests.Streams.TimeEntries;

public class TimeEntryWindowTests
{
    private static readonly DateTimeOffset SyncStart = new(2026, 5, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StartDate = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(30);
    private static readonly Dictionary<string, string> UserPartition = new() { ["workspace_id"] = "w1", ["user_id"] = "u1" };

    private readonly List<string> _warnings = [];

    /// <summary>The window of user u1 in workspace w1, whose bookmark in the state is <paramref name="bookmark"/> (none when null).</summary>
    private TimeEntryWindow Open(string? bookmark, DateTimeOffset? startDate = null, TimeSpan? lookback = null)
    {
        var state = TapState.Empty();
        if (bookmark is not null) state.SetPartitionBookmark("time_entries", UserPartition, "timeinterval_start", bookmark);
        // The window reads no entries: it needs no source.
        var options = new SyncOptions([], 5000, TimeEntrySource: null!, startDate, lookback ?? Lookback, SyncStart, MaxConcurrency: 1);
        return TimeEntryWindow.Open(state, "time_entries", UserPartition, new PartitionContext("w1", UserId: "u1"), options, _warnings.Add);
    }

    [Fact]
    public void A_partition_with_a_bookmark_is_read_from_the_bookmark_less_the_lookback_to_the_syncs_start()
    {
        var window = Open("2026-05-10T08:30:00Z", StartDate);

        Assert.Equal(new DateTimeOffset(2026, 4, 10, 8, 30, 0, TimeSpan.Zero), window.From);
        Assert.Equal(SyncStart, window.To);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_partition_without_a_bookmark_is_read_from_start_date()
    {
        var window = Open(bookmark: null, StartDate);

        Assert.Equal(StartDate, window.From);
        Assert.Equal(SyncStart, window.To);
    }

    [Fact]
    public void Without_a_bookmark_or_a_start_date_a_partition_is_read_from_the_beginning_of_its_history()
    {
        var window = Open(bookmark: null, startDate: null);

        Assert.Null(window.From);
        Assert.True(window.Contains(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_lookback_never_reaches_back_before_start_date()
    {
        var window = Open("2024-01-10T00:00:00Z", StartDate);

        Assert.Equal(StartDate, window.From);
    }

    [Fact]
    public void Without_a_start_date_the_lookback_reaches_back_as_far_as_it_says()
    {
        var window = Open("2024-01-10T00:00:00Z", startDate: null);

        Assert.Equal(new DateTimeOffset(2023, 12, 11, 0, 0, 0, TimeSpan.Zero), window.From);
    }

    [Fact]
    public void A_lookback_of_zero_days_reads_from_the_bookmark_itself()
    {
        var window = Open("2026-05-10T08:30:00Z", StartDate, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 5, 10, 8, 30, 0, TimeSpan.Zero), window.From);
    }

    [Fact]
    public void A_bookmark_later_than_the_syncs_start_is_ignored_with_a_warning_and_the_partition_read_from_start_date()
    {
        var window = Open("2026-05-20T06:00:01Z", StartDate);

        Assert.Equal(StartDate, window.From);
        var warning = Assert.Single(_warnings);
        Assert.Contains("2026-05-20T06:00:01Z", warning);
        Assert.Contains("later than this sync's start", warning);
        Assert.Contains("user u1", warning);
    }

    [Fact]
    public void A_bookmark_at_the_syncs_start_is_kept()
    {
        var window = Open("2026-05-20T06:00:00Z", StartDate);

        Assert.Equal(SyncStart - Lookback, window.From);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_bookmark_that_is_not_a_time_fails_naming_it_and_how_to_go_on()
    {
        var failure = Assert.Throws<StateFormatException>(() => Open("yesterday", StartDate));

        Assert.Contains("bookmark \"yesterday\" of time_entries", failure.Message);
        Assert.Contains("remove it from the state file", failure.Message);
    }

    [Fact]
    public void An_entry_belongs_to_the_window_from_its_first_instant_up_to_but_not_including_the_syncs_start()
    {
        var window = Open(bookmark: null, StartDate);

        Assert.True(window.Contains(StartDate));
        Assert.False(window.Contains(StartDate.AddTicks(-1)));
        Assert.True(window.Contains(SyncStart.AddTicks(-1)));
        Assert.False(window.Contains(SyncStart));
    }

    [Fact]
    public void Without_running_timers_the_next_bookmark_is_the_syncs_start()
    {
        Assert.Equal(SyncStart, Open("2026-05-10T08:30:00Z", StartDate).NextBookmark);
    }

    [Fact]
    public void A_running_timer_holds_the_next_bookmark_at_its_start_the_earliest_of_several()
    {
        var window = Open("2026-05-10T08:30:00Z", StartDate);

        window.HoldAt(SyncStart.AddHours(-2));
        window.HoldAt(SyncStart.AddHours(-5));
        window.HoldAt(SyncStart.AddHours(-3));

        Assert.Equal(SyncStart.AddHours(-5), window.NextBookmark);
    }

    [Fact]
    public void A_timer_running_since_before_the_window_still_holds_the_bookmark_though_the_window_does_not_read_it()
    {
        var window = Open("2026-05-10T08:30:00Z", StartDate);
        var longAgo = window.From!.Value.AddDays(-3);

        window.HoldAt(longAgo);

        Assert.False(window.Contains(longAgo));
        Assert.Equal(longAgo, window.NextBookmark);
    }

    [Fact]
    public void A_timer_started_after_the_syncs_start_does_not_move_the_bookmark_past_it()
    {
        var window = Open(bookmark: null, StartDate);

        window.HoldAt(SyncStart.AddMinutes(5));

        Assert.Equal(SyncStart, window.NextBookmark);
    }
}

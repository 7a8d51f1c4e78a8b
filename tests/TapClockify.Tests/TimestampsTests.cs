using System.Text;
using System.Text.Json;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests;

/// <summary>Every form of time as text the tap reads or writes.</summary>
public class TimestampsTests
{
    private static readonly DateTimeOffset Moment = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).AddTicks(1_234_500);

    [Fact]
    public void Clockifys_usual_form_is_read_as_that_moment_in_utc()
    {
        Assert.True(Timestamps.TryParseCompactUtc("2024-02-29T23:59:58Z"u8, out var value));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")] // no such day
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("2026-05-20T24:00:00Z")]
    [InlineData("2026-05-20T10:60:00Z")]
    [InlineData("2026-05-2xT10:00:00Z")]
    [InlineData("0000-05-20T10:00:00Z")]
    [InlineData("2026-05-20T10:00:60Z")]
    [InlineData("2026-05-20T10:00:0xZ")]
    [InlineData("2026-05-20 10:00:00Z")]
    [InlineData("2026/05/20T10:00:00Z")]
    [InlineData("2026-04-31T10:00:00Z")]
    [InlineData("2026-05-20T10:00:00.5Z")] // other forms are left to a full parser
    [InlineData("2026-05-20T10:00:00+00")]
    public void Anything_else_is_not_taken_for_it(string text)
    {
        Assert.False(Timestamps.TryParseCompactUtc(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2026-05-20T10:00:00Z", "2026-05-20T10:00:00Z")]
    [InlineData("2026-05-20T12:00:00.25+02:00", "2026-05-20T10:00:00.25Z")]
    [InlineData("2026-05-20T10:00:00", "2026-05-20T10:00:00Z")] // no zone: UTC, as Clockify's times are
    [InlineData("2026-05-20T10:00:00.1234567Z", "2026-05-20T10:00:00.1234567Z")]
    public void A_time_in_any_rfc_3339_form_is_written_in_the_state_form(string text, string expected)
    {
        Assert.True(Timestamps.TryParse(text, out var parsed));
        Assert.Equal(expected, Timestamps.ForState(parsed));
        Assert.Equal(expected, Timestamps.Normalize(text));
    }

    [Fact]
    public void Each_form_keeps_its_own_precision_in_utc()
    {
        var elsewhere = Moment.ToOffset(TimeSpan.FromHours(-5));

        Assert.Equal("2024-02-29T23:59:58Z", Timestamps.ForQuery(elsewhere));
        Assert.Equal("2024-02-29T23:59:58.123Z", Timestamps.ForReport(elsewhere));
        Assert.Equal("2024-02-29T23:59:58.12345Z", Timestamps.ForState(elsewhere));
        Assert.Equal("2024-02-29T23:59:58.123450Z", Timestamps.ForRecord(elsewhere));
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_that_names_no_moment_is_refused(string? text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void A_json_string_names_its_moment_and_other_values_name_none()
    {
        Assert.Equal(Moment, JsonFragment.FromString(Timestamps.ForState(Moment)).ToTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero), JsonFragment.FromString("2024-02-29T23:59:58Z").ToTimestamp());
        Assert.Null(JsonFragment.FromString("soon").ToTimestamp());
        Assert.Null(JsonFragment.FromNumberText("1709251198").ToTimestamp());
        Assert.Null(JsonFragment.Null.ToTimestamp());
        Assert.Null(default(JsonFragment).ToTimestamp());
    }
}

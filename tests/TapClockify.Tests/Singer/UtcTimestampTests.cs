using System.Text;
using TapClockify.Singer.Sync;
using Xunit;

namespace TapClockify.Tests.Singer;

public class UtcTimestampTests
{
    [Fact]
    public void Clockifys_usual_form_is_read_as_that_moment_in_utc()
    {
        Assert.True(UtcTimestamp.TryParseCompactUtc("2024-02-29T23:59:58Z"u8, out var value));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")] // no such day
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("2026-05-20T24:00:00Z")]
    [InlineData("2026-05-20T10:60:00Z")]
    [InlineData("2026-05-2xT10:00:00Z")]
    [InlineData("0000-05-20T10:00:00Z")]
    [InlineData("2026-05-20T10:00:00.5Z")] // other forms are left to a full parser
    [InlineData("2026-05-20T10:00:00+00")]
    public void Anything_else_is_not_taken_for_it(string text)
    {
        Assert.False(UtcTimestamp.TryParseCompactUtc(Encoding.UTF8.GetBytes(text), out _));
    }
}

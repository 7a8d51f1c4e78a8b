using System.Net;
using System.Net.Http.Headers;
using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

public class ClockifyFailuresTests
{
    private static readonly DateTimeOffset Answered = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_retry_after_date_is_a_wait_from_when_the_answer_came()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Answered.AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), ClockifyFailures.RetryAfterOf(response, Answered));
        Assert.Equal(TimeSpan.Zero, ClockifyFailures.RetryAfterOf(response, Answered.AddMinutes(1)));
    }

    [Fact]
    public void A_retry_after_in_seconds_is_the_wait_itself()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), ClockifyFailures.RetryAfterOf(response, Answered));
    }

    [Fact]
    public void No_retry_after_is_no_wait_from_the_server()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(ClockifyFailures.RetryAfterOf(response, Answered));
    }
}

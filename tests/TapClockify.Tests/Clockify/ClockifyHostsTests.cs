using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

public class ClockifyHostsTests
{
    [Theory]
    [InlineData(null, "https://api.clockify.me/api/v1/", "https://reports.api.clockify.me/v1/")]
    [InlineData("global", "https://api.clockify.me/api/v1/", "https://reports.api.clockify.me/v1/")]
    [InlineData("euc1", "https://euc1.clockify.me/api/v1/", "https://euc1.clockify.me/report/v1/")]
    [InlineData("use2", "https://use2.clockify.me/api/v1/", "https://use2.clockify.me/report/v1/")]
    [InlineData("euw2", "https://euw2.clockify.me/api/v1/", "https://euw2.clockify.me/report/v1/")]
    [InlineData("APSE2", "https://apse2.clockify.me/api/v1/", "https://apse2.clockify.me/report/v1/")]
    public void Each_region_maps_to_its_core_and_reports_urls(string? region, string api, string reports)
    {
        var hosts = ClockifyHosts.Resolve(region, null, null);
        Assert.Equal(api, hosts.ApiUrl.AbsoluteUri);
        Assert.Equal(reports, hosts.ReportsUrl.AbsoluteUri);
    }

    [Fact]
    public void Overrides_win_over_the_region()
    {
        var hosts = ClockifyHosts.Resolve("euc1", "https://developer.clockify.me/api/v1", "https://developer.clockify.me/report/v1/");
        Assert.Equal("https://developer.clockify.me/api/v1/", hosts.ApiUrl.AbsoluteUri);
        Assert.Equal("https://developer.clockify.me/report/v1/", hosts.ReportsUrl.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://api.clockify.me/api/v1", "must use https")]
    [InlineData("ftp://x/api", "not an http(s) URL")]
    public void Unsafe_or_malformed_urls_are_refused(string url, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ClockifyHosts.Resolve(null, url, null));
        Assert.Contains("api_url", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Plain_http_is_allowed_on_loopback()
    {
        Assert.Equal("http://127.0.0.1:5055/api/v1/", ClockifyHosts.Resolve(null, "http://127.0.0.1:5055/api/v1", null).ApiUrl.AbsoluteUri);
    }

    [Fact]
    public void An_unknown_region_is_refused_with_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ClockifyHosts.Resolve("mars1", null, null));
        Assert.Contains("euc1", error.Message);
    }
}

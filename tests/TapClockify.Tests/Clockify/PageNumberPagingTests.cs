using TapClockify.Clockify.Paging;
using Xunit;

namespace TapClockify.Tests.Clockify;

public class PageNumberPagingTests
{
    [Fact]
    public void Last_page_header_true_ends_even_a_full_page()
    {
        var paging = new PageNumberPaging(pageSize: 2);
        paging.Advance(2, "true", "a");
        Assert.False(paging.HasMorePages);
    }

    [Fact]
    public void Last_page_header_false_goes_on_after_a_short_page_in_case_the_server_capped_the_size()
    {
        var paging = new PageNumberPaging(pageSize: 5000);
        paging.Advance(1000, "false", "a");
        Assert.True(paging.HasMorePages);
        Assert.Equal(2, paging.Page);
    }

    [Fact]
    public void Without_the_header_a_short_page_is_the_last_and_a_full_one_is_not()
    {
        var paging = new PageNumberPaging(pageSize: 3);
        paging.Advance(3, null, "a");
        Assert.True(paging.HasMorePages);
        paging.Advance(1, null, "d");
        Assert.False(paging.HasMorePages);
    }

    [Fact]
    public void An_empty_page_always_ends()
    {
        var paging = new PageNumberPaging(pageSize: 3);
        paging.Advance(0, "false", null);
        Assert.False(paging.HasMorePages);
    }

    [Fact]
    public void A_repeated_page_is_an_error_rather_than_an_endless_loop()
    {
        var paging = new PageNumberPaging(pageSize: 2);
        paging.Advance(2, "false", "a");
        Assert.Throws<InvalidOperationException>(() => paging.Advance(2, "false", "a"));
    }

    [Fact]
    public void A_total_ends_the_list_once_reached_even_on_a_full_page_and_keeps_it_going_past_short_pages()
    {
        var paging = new PageNumberPaging(pageSize: 3);
        paging.Advance(2, null, "a", total: 5);
        Assert.True(paging.HasMorePages);
        paging.Advance(3, null, "c", total: 5);
        Assert.False(paging.HasMorePages);
    }
}

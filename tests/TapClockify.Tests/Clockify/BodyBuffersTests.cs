using TapClockify.Clockify;
using Xunit;

namespace TapClockify.Tests.Clockify;

/// <summary>Response bodies' buffers, kept for the next bodies that fit in them.</summary>
public class BodyBuffersTests
{
    [Fact]
    public void A_returned_buffer_goes_to_the_next_body_it_fits_and_a_longer_body_gets_a_new_one()
    {
        var buffers = new BodyBuffers(kept: 2);
        var first = buffers.Rent(1000);
        Assert.True(first.Length >= 1000);
        buffers.Return(first);

        Assert.Same(first, buffers.Rent(900));
        var longer = buffers.Rent(first.Length + 1);
        Assert.NotSame(first, longer);
        Assert.True(longer.Length > first.Length);
    }

    [Fact]
    public void The_smallest_fitting_buffer_is_handed_out()
    {
        var buffers = new BodyBuffers(kept: 3);
        var small = buffers.Rent(10);
        var large = buffers.Rent(1_000_000);
        buffers.Return(large);
        buffers.Return(small);

        Assert.Same(small, buffers.Rent(10));
        Assert.Same(large, buffers.Rent(10));
    }

    [Fact]
    public void Beyond_the_number_kept_the_largest_buffers_stay()
    {
        var buffers = new BodyBuffers(kept: 2);
        var small = buffers.Rent(10);
        var medium = buffers.Rent(200_000);
        var large = buffers.Rent(1_000_000);
        buffers.Return(small);
        buffers.Return(medium);
        buffers.Return(large);

        Assert.Same(medium, buffers.Rent(10));
        Assert.Same(large, buffers.Rent(10));
        Assert.NotSame(small, buffers.Rent(10));
    }
}

using System.Text;
using TapClockify.Singer.Messages;
using Xunit;

namespace TapClockify.Tests.Singer.Messages;

/// <summary>The double output buffer: what goes out when, and in which order.</summary>
public class OutputBufferTests
{
    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");

    [Fact]
    public void Bytes_stay_in_the_buffer_until_a_flush_and_then_go_out_in_the_order_added()
    {
        var output = new RecordingStream();
        var buffer = new OutputBuffer(output);

        buffer.Append(Line("one"));
        buffer.Append(Line("two"));
        Assert.Equal(0, output.Length);

        buffer.Flush();
        Assert.Equal("one\ntwo\n", output.Text);
        Assert.Equal([8L], output.LengthsAtFlush);
    }

    [Fact]
    public void A_full_buffer_goes_out_without_a_flush_and_the_next_bytes_wait_for_one()
    {
        var output = new RecordingStream();
        var buffer = new OutputBuffer(output);
        var full = Line(new string('a', OutputBuffer.WriteOutAt));

        buffer.Append(full);
        Assert.Equal(full.Length, output.Length);
        Assert.Empty(output.LengthsAtFlush);

        buffer.Append(Line("after"));
        Assert.Equal(full.Length, output.Length);
        buffer.Flush();
        Assert.EndsWith("a\nafter\n", output.Text);
    }

    [Fact]
    public void A_message_larger_than_both_buffers_goes_out_whole()
    {
        var output = new RecordingStream();
        var buffer = new OutputBuffer(output);
        var large = Line(new string('b', OutputBuffer.WriteOutAt * 5));

        buffer.Append(Line("first"));
        buffer.Append(large);
        buffer.Flush();

        Assert.Equal("first\n" + Encoding.UTF8.GetString(large), output.Text);
    }

    [Fact]
    public void Lines_appended_from_many_threads_go_out_whole_and_each_threads_lines_in_its_order()
    {
        var output = new RecordingStream();
        var buffer = new OutputBuffer(output);
        const int threads = 4, linesEach = 5000;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var i = 0; i < linesEach; i++) buffer.Append(Line($"{thread}:{i}:{new string('x', i % 50)}"));
        });
        buffer.Flush();

        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(threads * linesEach, lines.Length);
        for (var thread = 0; thread < threads; thread++)
        {
            var numbers = lines.Select(line => line.Split(':')).Where(parts => parts[0] == thread.ToString())
                .Select(parts => (Number: int.Parse(parts[1]), Padding: parts[2])).ToList();
            Assert.Equal(Enumerable.Range(0, linesEach), numbers.Select(n => n.Number));
            Assert.All(numbers, n => Assert.Equal(new string('x', n.Number % 50), n.Padding));
        }
    }
}

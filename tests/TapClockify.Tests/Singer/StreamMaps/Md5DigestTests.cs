using System.Security.Cryptography;
using System.Text;
using TapClockify.Singer.StreamMaps;
using Xunit;

namespace TapClockify.Tests.Singer.StreamMaps;

public class Md5DigestTests
{
    private static string Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[16];
        Md5Digest.Hash(data, digest);
        return Convert.ToHexStringLower(digest);
    }

    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void The_rfc_1321_test_suite_gives_its_published_digests(string text, string digest)
    {
        Assert.Equal(digest, Hex(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Every_length_across_the_padding_boundaries_matches_the_platforms_md5()
    {
        var random = new Random(16);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), Hex(data));
        }
    }
}

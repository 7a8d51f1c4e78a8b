using System.Buffers;

namespace TapClockify.Clockify;

/// <summary>
/// Finds where a JSON array or object ends by counting its brackets outside strings, without
/// reading its values: far quicker than a reader, for passing over a list whose items are read
/// (and checked) on their own later. Works on bytes alone.
/// </summary>
internal static class JsonBrackets
{
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    /// <summary>
    /// The length of the array or object that <paramref name="json"/> starts with, closing bracket
    /// included; -1 when the text ends before it does. Brackets of the wrong kind are not noticed.
    /// </summary>
    public static int LengthOf(ReadOnlySpan<byte> json)
    {
        var depth = 0;
        var at = 0;
        while (true)
        {
            var next = json[at..].IndexOfAny(Structure);
            if (next < 0) return -1;
            at += next;
            switch (json[at])
            {
                case (byte)'"':
                    at = AfterString(json, at + 1);
                    if (at < 0) return -1;
                    continue;
                case (byte)'[' or (byte)'{':
                    depth++;
                    break;
                default:
                    if (--depth == 0) return at + 1;
                    break;
            }
            at++;
        }
    }

    /// <summary>Where the text after a string's closing quote starts; -1 when the text ends first. <paramref name="at"/> is past the opening quote.</summary>
    private static int AfterString(ReadOnlySpan<byte> json, int at)
    {
        while (true)
        {
            var next = at < json.Length ? json[at..].IndexOfAny(StringEnd) : -1;
            if (next < 0) return -1;
            at += next;
            // A backslash escapes the byte after it, a quote or another backslash among them.
            if (json[at] == (byte)'\\') at += 2;
            else return at + 1;
        }
    }
}

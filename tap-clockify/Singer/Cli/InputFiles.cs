using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Cli;

public static class InputFiles
{
    /// <summary>Reads a JSON file named on the command line; failures name the flag and the file.</summary>
    public static JToken? ReadJson(string flag, string path, bool emptyIsNull = false)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var why = error is FileNotFoundException or DirectoryNotFoundException ? "no such file" : error.Message;
            throw new SingerInputException($"{flag} {path}: cannot read it ({why})");
        }
        if (emptyIsNull && string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return TapJson.Parse(text);
        }
        catch (JsonReaderException bad)
        {
            throw new SingerInputException($"{flag} {path}: not valid JSON ({bad.Message.TrimEnd('.')}); fix or regenerate the file");
        }
    }
}

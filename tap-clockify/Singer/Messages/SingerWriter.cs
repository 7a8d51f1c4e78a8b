using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TapClockify.Singer.Messages;

/// <summary>
/// The only writer of stdout: one Singer message a line. Output is buffered and flushed at each
/// STATE, so a STATE never reaches the target before the records it covers.
/// </summary>
public sealed class SingerWriter : IDisposable
{
    private readonly StreamWriter _text;
    private readonly JsonTextWriter _json;
    private readonly object _gate = new();
    private DateTimeOffset _lastExtracted;
    private string _lastExtractedText = "";

    public SingerWriter(Stream output)
    {
        _text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n", AutoFlush = false };
        _json = new JsonTextWriter(_text) { Formatting = Formatting.None, CloseOutput = false };
    }

    public void WriteSchema(string stream, JObject schema, IReadOnlyList<string> keyProperties, IReadOnlyList<string>? bookmarkProperties)
    {
        lock (_gate)
        {
            Begin("SCHEMA", stream);
            _json.WritePropertyName("schema");
            schema.WriteTo(_json);
            _json.WritePropertyName("key_properties");
            WriteStrings(keyProperties);
            if (bookmarkProperties is { Count: > 0 })
            {
                _json.WritePropertyName("bookmark_properties");
                WriteStrings(bookmarkProperties);
            }
            End();
        }
    }

    /// <summary>Writes a RECORD whose columns are <paramref name="names"/> with <paramref name="values"/> in the same order.</summary>
    public void WriteRecord(string stream, IReadOnlyList<string> names, JToken[] values, DateTimeOffset timeExtracted, long? version)
    {
        lock (_gate)
        {
            // Many records share a microsecond-rounded time: format it once per change.
            if (timeExtracted != _lastExtracted)
            {
                _lastExtracted = timeExtracted;
                _lastExtractedText = FormatTimestamp(timeExtracted);
            }
            Begin("RECORD", stream);
            _json.WritePropertyName("record");
            _json.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
            {
                // Column names come from our own schemas: plain lowercase words, nothing to escape.
                _json.WritePropertyName(names[i], escape: false);
                values[i].WriteTo(_json);
            }
            _json.WriteEndObject();
            if (version is { } v)
            {
                _json.WritePropertyName("version");
                _json.WriteValue(v);
            }
            _json.WritePropertyName("time_extracted");
            _json.WriteValue(_lastExtractedText);
            End();
        }
    }

    public void WriteActivateVersion(string stream, long version)
    {
        lock (_gate)
        {
            Begin("ACTIVATE_VERSION", stream);
            _json.WritePropertyName("version");
            _json.WriteValue(version);
            End();
        }
    }

    /// <summary>Writes STATE and flushes, so everything it covers is out before it.</summary>
    public void WriteState(JObject value)
    {
        lock (_gate)
        {
            _json.WriteStartObject();
            _json.WritePropertyName("type");
            _json.WriteValue("STATE");
            _json.WritePropertyName("value");
            value.WriteTo(_json);
            End();
            Flush();
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            _json.Flush();
            _text.Flush();
        }
    }

    /// <summary>RFC 3339 in UTC with microseconds, the form Singer targets expect.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private void Begin(string type, string stream)
    {
        _json.WriteStartObject();
        _json.WritePropertyName("type");
        _json.WriteValue(type);
        _json.WritePropertyName("stream");
        _json.WriteValue(stream);
    }

    private void End()
    {
        _json.WriteEndObject();
        // JsonTextWriter writes straight into _text, whose buffer is only flushed at STATE.
        _text.Write('\n');
    }

    private void WriteStrings(IReadOnlyList<string> values)
    {
        _json.WriteStartArray();
        foreach (var value in values) _json.WriteValue(value);
        _json.WriteEndArray();
    }

    public void Dispose()
    {
        Flush();
        _text.Dispose();
    }
}

using TapClockify.Singer.Messages;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>Writes the streams a plan makes from each conformed record of its source stream.</summary>
public sealed class StreamMapWriter
{
    private readonly SingerWriter _writer;
    private readonly (MappedStream Stream, MappedColumn[] Columns, SingerWriter.RecordShape Shape)[] _outputs;
    private readonly int _widest;

    // A record's mapped values live only until it is written: each thread reuses one buffer for them.
    [ThreadStatic] private static JsonFragment[]? t_values;

    public StreamMapWriter(StreamMapPlan plan, SingerWriter writer)
    {
        _writer = writer;
        _outputs = plan.Outputs.Select(o => (o, o.Columns.ToArray(), writer.ShapeOf(o.Name, o.Columns.Select(c => c.Name).ToList()))).ToArray();
        _widest = plan.Outputs.Count == 0 ? 0 : plan.Outputs.Max(o => o.Columns.Count);
    }

    /// <summary>
    /// <paramref name="source"/> holds the source record's values in the order of its conformed
    /// columns. A value that cannot be computed fails with a <see cref="MapExpressionException"/>
    /// naming the stream and the property.
    /// </summary>
    public void Write(ReadOnlySpan<JsonFragment> source, DateTimeOffset timeExtracted, long? version)
    {
        foreach (var (stream, columns, shape) in _outputs)
        {
            if (stream.Filter is { } filter && !Evaluate(filter, source, stream, isFilter: true).IsTruthy) continue;
            var buffer = t_values is { } reused && reused.Length >= _widest ? reused : t_values = new JsonFragment[Math.Max(64, _widest)];
            var values = buffer.AsSpan(0, columns.Length);
            for (var i = 0; i < values.Length; i++)
            {
                var column = columns[i];
                values[i] = column.IsCopy ? source[column.SourceIndex] : Evaluate(column.Expression!, source, stream, isFilter: false, column).ToFragment();
            }
            _writer.WriteRecord(shape, values, timeExtracted, version);
        }
    }

    private static MapValue Evaluate(MapNode node, ReadOnlySpan<JsonFragment> source, MappedStream stream, bool isFilter, MappedColumn? column = null)
    {
        try
        {
            return node.Evaluate(source);
        }
        catch (MapExpressionException bad)
        {
            var where = isFilter ? $"__filter__ (\"{stream.FilterText}\")" : $"property {column!.Name} (\"{column.ExpressionText}\")";
            throw new MapExpressionException($"stream {stream.Name}, {where}: {bad.Message}");
        }
    }
}

/// <summary>A map expression failed on a record while the tap ran; the message names stream, property and record.</summary>
public sealed class StreamMapException(string message) : Exception(message);

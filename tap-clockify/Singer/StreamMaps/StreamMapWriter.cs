using TapClockify.Singer.Messages;
using TapClockify.Singer.Sync;

namespace TapClockify.Singer.StreamMaps;

/// <summary>Writes the streams a plan makes from each conformed record of its source stream.</summary>
public sealed class StreamMapWriter
{
    private readonly SingerWriter _writer;
    private readonly Output[] _outputs;
    private readonly int _sourceCount;

    // Values of a stream written before the last one, and the values the last one changes: each
    // thread reuses one buffer of each.
    [ThreadStatic] private static JsonFragment[]? t_copied;
    [ThreadStatic] private static JsonFragment[]? t_changed;

    /// <param name="Changed">The positions of the columns that are not the source's column at the same position.</param>
    private sealed record Output(MappedStream Stream, MappedColumn[] Columns, int[] Changed, SingerWriter.RecordShape Shape);

    public StreamMapWriter(StreamMapPlan plan, SingerWriter writer, int sourceCount)
    {
        _writer = writer;
        _sourceCount = sourceCount;
        _outputs = plan.Outputs.Select(o => new Output(o, o.Columns.ToArray(),
            o.Columns.Select((c, i) => (c, i)).Where(p => !(p.c.IsCopy && p.c.SourceIndex == p.i)).Select(p => p.i).ToArray(),
            writer.ShapeOf(o.Name, o.Columns.Select(c => c.Name).ToList()))).ToArray();
        Width = Math.Max(sourceCount, _outputs.Length == 0 ? 0 : _outputs[^1].Columns.Length);
    }

    /// <summary>The values the record passed to <see cref="Write"/> must have room for.</summary>
    public int Width { get; }

    /// <summary>
    /// <paramref name="record"/> holds the source record's values in the order of its conformed
    /// columns, and room up to <see cref="Width"/>; the last stream is made in it, changing only
    /// the columns it does not share with the source at the same position. A value that cannot be
    /// computed fails with a <see cref="MapExpressionException"/> naming the stream and the property.
    /// </summary>
    public void Write(Span<JsonFragment> record, DateTimeOffset timeExtracted, long? version)
    {
        ReadOnlySpan<JsonFragment> source = record[.._sourceCount];
        for (var index = 0; index < _outputs.Length; index++)
        {
            var output = _outputs[index];
            if (output.Stream.Filter is { } filter && !Evaluate(filter, source, output.Stream, null).IsTruthy) continue;
            var columns = output.Columns;
            if (index < _outputs.Length - 1)
            {
                var copied = Buffer(ref t_copied, columns.Length);
                for (var i = 0; i < columns.Length; i++) copied[i] = ValueOf(columns[i], source, output.Stream);
                _writer.WriteRecord(output.Shape, copied, timeExtracted, version);
                continue;
            }
            // Every changed value is worked out from the source before any is stored over it.
            var changed = Buffer(ref t_changed, output.Changed.Length);
            for (var i = 0; i < changed.Length; i++) changed[i] = ValueOf(columns[output.Changed[i]], source, output.Stream);
            for (var i = 0; i < changed.Length; i++) record[output.Changed[i]] = changed[i];
            _writer.WriteRecord(output.Shape, record[..columns.Length], timeExtracted, version);
        }
    }

    private static Span<JsonFragment> Buffer(ref JsonFragment[]? reused, int length)
    {
        if (reused is null || reused.Length < length) reused = new JsonFragment[Math.Max(64, length)];
        return reused.AsSpan(0, length);
    }

    private static JsonFragment ValueOf(MappedColumn column, ReadOnlySpan<JsonFragment> source, MappedStream stream) =>
        column.IsCopy ? source[column.SourceIndex] : Evaluate(column.Expression!, source, stream, column).ToFragment();

    private static MapValue Evaluate(MapNode node, ReadOnlySpan<JsonFragment> source, MappedStream stream, MappedColumn? column)
    {
        try
        {
            return node.Evaluate(source);
        }
        catch (MapExpressionException bad)
        {
            var where = column is null ? $"__filter__ (\"{stream.FilterText}\")" : $"property {column.Name} (\"{column.ExpressionText}\")";
            throw new MapExpressionException($"stream {stream.Name}, {where}: {bad.Message}");
        }
    }
}

/// <summary>A map expression failed on a record while the tap ran; the message names stream, property and record.</summary>
public sealed class StreamMapException(string message) : Exception(message);

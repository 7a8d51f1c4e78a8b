using System.Text.Json;
using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Rows;

namespace TapClockify.Streams;

/// <summary>
/// A stream declaration: where its objects come from and how one becomes rows. Streams with a
/// <see cref="Path"/> make requests, one partition per parent object; streams without one are cut
/// from their parent's objects and cost no request.
/// </summary>
public abstract class ClockifyStream : ITapStream
{
    private JObject? _schema;
    private RowLayout? _layout;

    public abstract string Name { get; }
    public virtual IReadOnlyList<string> KeyProperties => ["id"];
    public virtual ReplicationMethod Replication => ReplicationMethod.FullTable;
    public virtual string? ReplicationKey => null;
    public virtual string? ParentName => null;
    public JObject Schema => _schema ??= SchemaStore.Load(Name);
    public RowLayout Layout => _layout ??= RowLayout.Of(Schema);

    /// <summary>API path below the core URL, with holes filled from the partition; null when cut from the parent.</summary>
    public virtual string? Path => null;

    /// <summary>
    /// The query of each request series. Several series (such as archived=true and archived=false,
    /// where an omitted filter would hide rows) are merged, each id kept once.
    /// </summary>
    public virtual IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } = [[]];

    /// <summary>False for lists the API returns whole, without page parameters.</summary>
    public virtual bool IsPaged => true;

    /// <summary>Why a 403 on this stream is only a warning (the partition is skipped); null when it fails the run.</summary>
    public virtual string? SkippedOnForbidden => null;

    protected virtual ColumnNaming Naming => ColumnNaming.Default;

    /// <summary>The rows one API object gives; by default one row, flattened by the naming rule.</summary>
    public virtual IEnumerable<Row> ToRows(JObject apiObject, PartitionContext context) => [Naming.Flatten(apiObject, Layout)];

    /// <summary>One row read straight from the JSON of one API object, for lists too long to build objects for.</summary>
    public Row ReadRow(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, Row? reuse) => Naming.ReadRow(ref reader, json, Layout, reuse);

    /// <summary>The partition of child streams that one of this stream's objects opens.</summary>
    public virtual PartitionContext ChildContext(JObject apiObject, PartitionContext context) => context;

    protected static KeyValuePair<string, string> Query(string name, string value) => new(name, value);
}

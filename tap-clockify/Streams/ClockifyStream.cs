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
    public virtual bool IsSelectedByDefault => true;
    // Streams are shared by every run in the process, which may start at the same time: all must get
    // the one layout, because a record conformer refuses rows of any other.
    public JObject Schema => LazyInitializer.EnsureInitialized(ref _schema, () => SchemaStore.Load(Name));
    public RowLayout Layout => Volatile.Read(ref _layout) ?? MakeLayout();

    // Kept apart from the property so that asking allocates nothing once it is made: every row read asks.
    private RowLayout MakeLayout()
    {
        Interlocked.CompareExchange(ref _layout, RowLayout.Of(Schema), null);
        return _layout!;
    }

    /// <summary>API path below the core URL, with holes filled from the partition; null when cut from the parent.</summary>
    public virtual string? Path => null;

    /// <summary>
    /// The query of each request series. Several series (such as archived=true and archived=false,
    /// where an omitted filter would hide rows) are merged, each id kept once.
    /// </summary>
    public virtual IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } = [[]];

    /// <summary>How the list is paged: page numbers in the query (the default), in a POST body, or not at all.</summary>
    public virtual ListPaging Paging => ListPaging.QueryPageNumbers;

    /// <summary>The largest page the endpoint serves, where it is below page_size's 5000.</summary>
    public virtual int? MaxPageSize => null;

    /// <summary>
    /// Where an answer object holds the rows: a property, or two joined by a dot for a list wrapped
    /// twice ("expenses.expenses"); null for a bare list. A bare list is read either way.
    /// </summary>
    public virtual string? ItemsAt => null;

    /// <summary>Where a wrapped answer gives the list's length, a second test of the last page.</summary>
    public virtual string? TotalAt => null;

    /// <summary>True where the answer is one object rather than a list (a member profile).</summary>
    public virtual bool IsSingleObject => false;

    /// <summary>For <see cref="ListPaging.PostBody"/>: the body of page <paramref name="page"/> of <paramref name="pageSize"/> items.</summary>
    public virtual JObject BodyForPage(int page, int pageSize) => new() { ["page"] = page, ["pageSize"] = pageSize };

    /// <summary>A request per item whose answer is merged over it ({id} is the item's id); null when the list says all.</summary>
    public virtual string? DetailPath => null;

    /// <summary>
    /// The name in a workspace's <c>features</c> list this stream needs (EXPENSES, INVOICING,
    /// APPROVAL, TIME_OFF, SCHEDULING, CUSTOM_FIELDS, USER_CUSTOM_FIELDS): a workspace without it is
    /// skipped for the stream, with a warning and no request. Null for streams every plan has.
    /// </summary>
    public virtual string? RequiredFeature => null;

    /// <summary>Why a 403 on this stream is only a warning (the partition is skipped); null when it fails the run.</summary>
    public virtual string? SkippedOnForbidden => null;

    /// <summary>The id of one of the stream's API objects, which keeps each once across query passes.</summary>
    public virtual string? IdOf(JObject apiObject) => (apiObject["id"] ?? apiObject["_id"])?.ToString();

    /// <summary>
    /// The name of the path hole ({name}Id) that an object of this stream fills for its children,
    /// such as "invoice" for workspaces/{workspaceId}/invoices/{invoiceId}/payments.
    /// </summary>
    protected virtual string? ChildHole => null;

    protected virtual ColumnNaming Naming => ColumnNaming.Default;

    /// <summary>The rows one API object gives; by default one row, flattened by the naming rule.</summary>
    public virtual IEnumerable<Row> ToRows(JObject apiObject, PartitionContext context) => [Naming.Flatten(apiObject, Layout)];

    /// <summary>One row read straight from the JSON of one API object, for lists too long to build objects for.</summary>
    public Row ReadRow(ReadOnlySpan<byte> json, int start, out int end, Row? reuse) => Naming.ReadRow(json, start, out end, Layout, reuse);

    /// <summary>The partition of child streams that one of this stream's objects opens; null when it opens none.</summary>
    public virtual PartitionContext? ChildContext(JObject apiObject, PartitionContext context) =>
        ChildHole is { } hole && IdOf(apiObject) is { } id ? context with { ParentHole = hole, ParentId = id } : context;

    protected static KeyValuePair<string, string> Query(string name, string value) => new(name, value);
}

/// <summary>How a stream's list endpoint pages.</summary>
public enum ListPaging
{
    /// <summary>page and page-size query parameters.</summary>
    QueryPageNumbers,

    /// <summary>page and pageSize in a POST request's JSON body.</summary>
    PostBody,

    /// <summary>The whole list in one answer, without page parameters.</summary>
    None,
}

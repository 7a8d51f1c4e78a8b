using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;
using TapClockify.Streams.Embedded;

namespace TapClockify.Streams.PlanFeatures;

/// <summary>
/// GET /workspaces/{ws}/invoices, {invoices:[...], total} (live), each merged with its detail
/// GET …/invoices/{id}, a superset of the list item that adds the billing fields and items[].
/// </summary>
public sealed class InvoicesStream : ClockifyStream
{
    public override string Name => "invoices";
    public override string ParentName => "workspaces";
    public override string Path => "workspaces/{workspaceId}/invoices";
    public override string ItemsAt => "invoices";
    public override string TotalAt => "total";
    // The documented defaults, sent so the walk is stable; "statuses" is left unset so every status comes.
    public override IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Queries { get; } =
        [[Query("sort-column", "ID"), Query("sort-order", "ASCENDING")]];
    public override string DetailPath => "workspaces/{workspaceId}/invoices/{id}";
    public override string RequiredFeature => "INVOICING";
    protected override string ChildHole => "invoice";

    public override IEnumerable<Row> ToRows(JObject invoice, PartitionContext context)
    {
        var row = Naming.Flatten(invoice, Layout);
        // Invoices carry no workspaceId: the partition's workspace is theirs.
        if (row["workspaceid"].IsNullOrAbsent) row["workspaceid"] = JsonFragment.FromString(context.WorkspaceId);
        yield return row;
    }

    /// <summary>Only an invoice something was paid on has payments to ask for: one request saved per unpaid invoice.</summary>
    public override PartitionContext? ChildContext(JObject invoice, PartitionContext context) =>
        HasPayments(invoice) ? base.ChildContext(invoice, context) : null;

    private static bool HasPayments(JObject invoice) =>
        (invoice["paid"] is JValue { Type: JTokenType.Integer or JTokenType.Float } paid && paid.Value<decimal>() > 0)
        || (string?)invoice["status"] is "PAID" or "PARTIALLY_PAID";
}

/// <summary>One row per item of an invoice's detail; items have no id, their 1-based order addresses them.</summary>
public sealed class InvoicesItemsStream : EmbeddedItemsStream
{
    public override string Name => "invoices_items";
    public override string ParentName => "invoices";
    public override IReadOnlyList<string> KeyProperties => ["invoice_id", "order"];
    protected override string ItemsProperty => "items";
    protected override string ParentIdColumn => "invoice_id";
}

/// <summary>GET …/invoices/{invoiceId}/payments, a bare paged list per invoice.</summary>
public sealed class InvoicesPaymentsStream : ClockifyStream
{
    public override string Name => "invoices_payments";
    public override string ParentName => "invoices";
    public override IReadOnlyList<string> KeyProperties => ["invoice_id", "id"];
    public override string Path => "workspaces/{workspaceId}/invoices/{invoiceId}/payments";
    public override string RequiredFeature => "INVOICING";

    public override IEnumerable<Row> ToRows(JObject payment, PartitionContext context)
    {
        var row = Naming.Flatten(payment, Layout);
        row["invoice_id"] = JsonFragment.FromString(context.ParentId!);
        yield return row;
    }
}

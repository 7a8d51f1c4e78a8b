using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>
/// Invoices (TABLES-NEXT §4.6): the list {invoices, total} of list items, the detail (a superset
/// with items[]), and each invoice's payments as a bare paged list; 403 without INVOICING.
/// </summary>
internal static class InvoiceEndpoints
{
    private const string Root = "/api/v1/workspaces/{workspaceId}";

    /// <summary>The fields the list item has (live); the rest are the detail's.</summary>
    private static readonly string[] ListFields =
        ["id", "number", "status", "issuedDate", "dueDate", "clientId", "clientName", "currency", "amount", "paid", "balance"];

    private static readonly Sorting InvoiceSorting = new("ID", new()
    {
        ["ID"] = i => Sorting.Text(i, "id"),
        ["NUMBER"] = i => Sorting.Text(i, "number"),
    });

    public static void Map(WebApplication app, EmulatorDataset dataset)
    {
        app.MapGet($"{Root}/invoices", (HttpContext context, string workspaceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "INVOICING");
            // The filter is the plural "statuses"; the singular "status" is ignored (live).
            var statuses = Query.List(context, "statuses");
            var invoices = workspace.Invoices.Where(i => statuses.Count == 0 || statuses.Contains((string)i["status"]!)).ToList();
            var (items, _) = Paging.From(context).Apply(InvoiceSorting.Sort(context, invoices));
            return ApiResult.Json(new JObject
            {
                ["invoices"] = new JArray(items.Select(i => new JObject(ListFields.Select(f => new JProperty(f, i[f]!.DeepClone()))))),
                ["total"] = invoices.Count,
            });
        }));

        app.MapGet($"{Root}/invoices/{{invoiceId}}", (HttpContext context, string workspaceId, string invoiceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "INVOICING");
            var invoice = workspace.Invoices.Find(i => (string)i["id"]! == invoiceId) ?? throw ApiException.NotFound("Invoice not found");
            return ApiResult.Json(invoice.DeepClone());
        }));

        app.MapGet($"{Root}/invoices/{{invoiceId}}/payments", (HttpContext context, string workspaceId, string invoiceId) => Responder.Respond(context, dataset, () =>
        {
            var workspace = PlanGate.Workspace(context, dataset, workspaceId, "INVOICING");
            if (!workspace.Invoices.Exists(i => (string)i["id"]! == invoiceId)) throw ApiException.NotFound("Invoice not found");
            var (items, isLastPage) = Paging.From(context).Apply(workspace.PaymentsByInvoice.GetValueOrDefault(invoiceId, []));
            return ApiResult.Page(items, isLastPage);
        }));
    }
}

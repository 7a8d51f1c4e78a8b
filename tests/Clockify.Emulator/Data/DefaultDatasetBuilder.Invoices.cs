using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    private sealed record InvoiceSpec(string Status, long UnitPrice, long Quantity, long[] Payments, string TaxType = "SIMPLE", long Tax = 0,
        bool ImportedTime = false);

    /// <summary>
    /// Invoices of every status in their detail shape (live, TABLES-NEXT §4.6): items addressed by
    /// order, amounts in cents, "paid" null until something is paid, payments on the paid ones.
    /// </summary>
    private void AddInvoices(EmulatorWorkspace ws, params InvoiceSpec[] specs)
    {
        var client = ws.Clients[0];
        var author = (string)ws.Users[0]["id"]!;
        var issued = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-60);
        foreach (var (spec, i) in specs.Select((spec, i) => (spec, i)))
        {
            var id = Id(ws, Ids.Kind.Invoice, i);
            var firstLine = spec.UnitPrice * spec.Quantity / 100;
            var items = new JArray(
                Item(1, "Consulting", "Service", spec.Quantity, spec.UnitPrice, spec.ImportedTime ? "TIME_ENTRY_IMPORT" : "NOT_IMPORTED",
                    spec.ImportedTime ? ws.TimeEntries.Take(2).Select(e => (string)e["id"]!) : []),
                Item(2, "Travel", "Expense", 100, 15000, "NOT_IMPORTED", []));
            var subtotal = firstLine + 15000;
            var taxAmount = subtotal * spec.Tax / 10000;
            var paid = spec.Payments.Sum();
            var amount = subtotal + taxAmount;
            var invoice = new JObject
            {
                ["id"] = id,
                ["number"] = $"{ws.Number}-{1001 + i}",
                ["status"] = spec.Status,
                ["issuedDate"] = Timestamps.Format(issued.AddDays(7 * i)),
                ["dueDate"] = Timestamps.Format(issued.AddDays(7 * i + 30)),
                ["clientId"] = client["id"]!.DeepClone(),
                ["clientName"] = client["name"]!.DeepClone(),
                ["currency"] = ws.Currency,
                ["amount"] = amount,
                ["paid"] = paid > 0 ? paid : null,
                ["balance"] = amount - paid,
                ["subject"] = $"Services, period {i + 1}",
                ["note"] = i % 2 == 0 ? "Thank you for your business." : "",
                ["billFrom"] = "WORKSPACE",
                ["clientAddress"] = client["address"]!.DeepClone(),
                ["companyId"] = null,
                ["userId"] = author,
                ["calculationType"] = "ITEM_BASED",
                ["taxType"] = spec.TaxType,
                ["subtotal"] = subtotal,
                ["discount"] = 0,
                ["discountAmount"] = 0,
                ["tax"] = spec.Tax,
                ["tax2"] = 0,
                ["taxAmount"] = taxAmount,
                ["tax2Amount"] = 0,
                ["containsImportedTimes"] = spec.ImportedTime,
                ["containsImportedExpenses"] = false,
                ["visibleZeroFields"] = spec.Tax > 0 ? new JArray("TAX") : new JArray(),
                ["items"] = items,
            };
            ws.Invoices.Add(invoice);
            if (spec.Payments.Length > 0)
            {
                ws.PaymentsByInvoice[id] = spec.Payments.Select((cents, p) => new JObject
                {
                    ["id"] = Id(ws, Ids.Kind.InvoicePayment, i * 10 + p),
                    ["amount"] = cents,
                    ["date"] = Timestamps.Format(issued.AddDays(7 * i + 10 + p)),
                    ["author"] = (string)ws.Users[0]["name"]!,
                    ["note"] = p == 0 ? "Bank transfer" : null,
                }).ToList();
            }
        }
    }

    private static JObject Item(int order, string description, string itemType, long quantity, long unitPrice, string importType, IEnumerable<string> timeEntryIds) => new()
    {
        ["order"] = order,
        ["description"] = description,
        ["itemType"] = itemType,
        ["quantity"] = quantity,
        ["unitPrice"] = unitPrice,
        ["amount"] = unitPrice * quantity / 100,
        ["applyTaxes"] = order == 1 ? "TAX1" : "NONE",
        ["importType"] = importType,
        ["timeEntryIds"] = new JArray(timeEntryIds),
        ["expenseIds"] = new JArray(),
    };
}

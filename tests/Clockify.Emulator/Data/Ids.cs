namespace Clockify.Emulator;

/// <summary>
/// Deterministic 24-hex identifiers shaped like the Mongo ObjectIds Clockify uses (NOTES §5).
/// Layout: a fixed 8-hex prefix, 2 hex for the workspace, 2 hex for the entity kind and a
/// 12-hex sequence, so the same dataset always yields the same ids and ids never collide.
/// </summary>
public static class Ids
{
    private const string Prefix = "6650c0de";

    /// <summary>Entity kinds used in the kind byte of an id.</summary>
    public enum Kind
    {
        Workspace = 0x01, User = 0x02, Project = 0x03, Client = 0x04, Tag = 0x05, UserGroup = 0x06,
        Task = 0x07, CustomField = 0x08, TimeEntry = 0x09, Currency = 0x0a, Organization = 0x0b,
        ExpenseCategory = 0x0c, Expense = 0x0d, Invoice = 0x0e, InvoicePayment = 0x0f, ApprovalRequest = 0x10,
        TimeOffPolicy = 0x11, TimeOffRequest = 0x12, TimeOffBalance = 0x13, Holiday = 0x14, Assignment = 0x15, Deletion = 0x16,
    }

    /// <summary>Id number <paramref name="sequence"/> of a kind inside workspace number <paramref name="workspace"/>.</summary>
    public static string Make(int workspace, Kind kind, long sequence) =>
        $"{Prefix}{workspace:x2}{(int)kind:x2}{sequence:x12}";

    /// <summary>
    /// The id of the change-log record of a deleted entity: the entity's id with the deletion kind,
    /// so it differs from the entity's own id (which the deleted item's <c>document._id</c> keeps).
    /// </summary>
    public static string DeletionRecordOf(string entityId) => entityId[..10] + ((int)Kind.Deletion).ToString("x2") + entityId[12..];
}

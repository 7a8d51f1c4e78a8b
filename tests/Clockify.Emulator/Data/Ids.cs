namespace Clockify.Emulator;

/// <summary>
/// Deterministic 24-hex identifiers shaped like the Mongo ObjectIds Clockify uses (NOTES §5).
/// Layout: a fixed 8-hex prefix, 2 hex for the workspace, 2 hex for the entity kind and a
/// 12-hex sequence, so the same dataset always yields the same ids and ids never collide.
/// </summary>
public static class Ids
{
    /// <summary>Entity kinds used in the kind byte of an id.</summary>
    public enum Kind
    {
        Workspace = 0x01, User = 0x02, Project = 0x03, Client = 0x04, Tag = 0x05, UserGroup = 0x06,
        Task = 0x07, CustomField = 0x08, TimeEntry = 0x09, Currency = 0x0a, Organization = 0x0b,
        ExpenseCategory = 0x0c, Expense = 0x0d, Invoice = 0x0e, InvoicePayment = 0x0f, ApprovalRequest = 0x10,
        TimeOffPolicy = 0x11, TimeOffRequest = 0x12, TimeOffBalance = 0x13, Holiday = 0x14, Assignment = 0x15, Deletion = 0x16,
    }

    /// <summary>Id number <paramref name="sequence"/> of a kind inside workspace number <paramref name="workspace"/>.</summary>
    public static string Make(int workspace, Kind kind, long sequence)
    {
        Span<byte> id = stackalloc byte[Length];
        Write(workspace, kind, sequence, id);
        return System.Text.Encoding.ASCII.GetString(id);
    }

    /// <summary>The length of every id.</summary>
    internal const int Length = 24;

    /// <summary><see cref="Make"/>'s id as ASCII into <paramref name="into"/> (room for <see cref="Length"/>).</summary>
    internal static void Write(int workspace, Kind kind, long sequence, Span<byte> into)
    {
        if (workspace is < 0 or > 0xff || sequence is < 0 or >= 1L << 48)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), $"workspace {workspace}, sequence {sequence}: outside the id layout");
        }
        "6650c0de"u8.CopyTo(into);
        Hex((ulong)(uint)workspace, 2, into[8..]);
        Hex((ulong)kind, 2, into[10..]);
        Hex((ulong)sequence, 12, into[12..]);

        static void Hex(ulong value, int count, Span<byte> into)
        {
            for (var i = count - 1; i >= 0; i--, value >>= 4) into[i] = (byte)"0123456789abcdef"[(int)(value & 0xf)];
        }
    }

    /// <summary>
    /// The id of the change-log record of a deleted entity: the entity's id with the deletion kind,
    /// so it differs from the entity's own id (which the deleted item's <c>document._id</c> keeps).
    /// </summary>
    public static string DeletionRecordOf(string entityId) => entityId[..10] + ((int)Kind.Deletion).ToString("x2") + entityId[12..];
}

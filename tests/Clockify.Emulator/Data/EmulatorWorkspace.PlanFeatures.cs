using Newtonsoft.Json.Linq;

namespace Clockify.Emulator;

/// <summary>The plan-gated resources of a workspace (expenses, invoices, approvals, time off, scheduling), in the live shapes.</summary>
public sealed partial class EmulatorWorkspace
{
    /// <summary>Whether the workspace's <c>features</c> list names the feature; endpoints of a feature it lacks answer 403.</summary>
    public bool HasFeature(string feature) => Workspace["features"] is JArray features && features.Any(f => (string?)f == feature);

    /// <summary>ExpenseCategoryDtoV1 objects (archived ones too).</summary>
    public List<JObject> ExpenseCategories { get; } = [];

    /// <summary>ExpenseHydratedDtoV1 objects as the expenses list serves them (nested category, project, task).</summary>
    public List<JObject> Expenses { get; } = [];

    /// <summary>Invoices in their detail shape (GET …/invoices/{id}); the list serves a subset of each.</summary>
    public List<JObject> Invoices { get; } = [];

    /// <summary>InvoicePaymentDto objects keyed by invoice id.</summary>
    public Dictionary<string, List<JObject>> PaymentsByInvoice { get; } = [];

    /// <summary>ApprovalRequestDtoV1 items: {approvalRequest, roll-ups, entries[], expenses[]}.</summary>
    public List<JObject> ApprovalRequests { get; } = [];

    /// <summary>PolicyDtoV1 objects, archived ones too.</summary>
    public List<JObject> TimeOffPolicies { get; } = [];

    /// <summary>TimeOffRequestFullDtoV1 objects of every status.</summary>
    public List<JObject> TimeOffRequests { get; } = [];

    /// <summary>BalanceDtoV1 objects (one per user and policy).</summary>
    public List<JObject> TimeOffBalances { get; } = [];

    /// <summary>HolidayDtoV1 objects; dates are plain YYYY-MM-DD.</summary>
    public List<JObject> Holidays { get; } = [];

    /// <summary>MemberProfileDto objects keyed by user id (GET …/member-profile/{userId}).</summary>
    public Dictionary<string, JObject> MemberProfiles { get; } = [];

    /// <summary>AssignmentHydratedDtoV1 objects.</summary>
    public List<JObject> Assignments { get; } = [];
}

using TapClockify.Streams.Embedded;
using TapClockify.Streams.PlanFeatures;
using TapClockify.Streams.TimeEntries;

namespace TapClockify.Streams;

/// <summary>The one list of streams, in sync order: parents before their children.</summary>
public static class StreamRegistry
{
    public static IReadOnlyList<ClockifyStream> All { get; } =
    [
        new WorkspacesStream(),
        new WorkspacesCurrenciesStream(),
        new WorkspacesFeaturesStream(),
        new ProjectsStream(),
        new ProjectsMembershipsStream(),
        new TasksStream(),
        new ClientsStream(),
        new TagsStream(),
        new UserGroupsStream(),
        new CustomFieldsStream(),
        new UsersStream(),
        new UsersMembershipsStream(),
        new UsersCustomFieldsStream(),
        new MemberProfilesStream(),
        new TimeEntriesStream(),
        new TimeEntriesTagsStream(),
        new TimeEntriesCustomFieldsStream(),
        new ExpenseCategoriesStream(),
        new ExpensesStream(),
        new InvoicesStream(),
        new InvoicesItemsStream(),
        new InvoicesPaymentsStream(),
        new ApprovalRequestsStream(),
        new ApprovalRequestsEntriesStream(),
        new ApprovalRequestsExpensesStream(),
        new TimeOffPoliciesStream(),
        new TimeOffBalancesStream(),
        new TimeOffRequestsStream(),
        new HolidaysStream(),
        new SchedulingAssignmentsStream(),
    ];

    public static ClockifyStream Get(string name) => All.First(s => s.Name == name);

    public static IEnumerable<ClockifyStream> ChildrenOf(ClockifyStream parent) => All.Where(s => s.ParentName == parent.Name);
}

using Newtonsoft.Json.Linq;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams.Embedded;

/// <summary>
/// One row per object of a list inside the parent's API object (a project's memberships, a
/// workspace's currencies), flattened by the naming rule, with the parent's id beside it. Costs
/// no request.
/// </summary>
public abstract class EmbeddedItemsStream : ClockifyStream
{
    /// <summary>The parent object's property that holds the list.</summary>
    protected abstract string ItemsProperty { get; }

    /// <summary>The column that holds the parent object's id.</summary>
    protected abstract string ParentIdColumn { get; }

    /// <summary>The parent object's id, put in <see cref="ParentIdColumn"/>.</summary>
    protected virtual JsonFragment ParentIdOf(JObject parent) => JsonFragment.FromToken(parent["id"]);

    public override IEnumerable<Row> ToRows(JObject parent, PartitionContext context)
    {
        // A null or missing list gives no rows.
        if (parent[ItemsProperty] is not JArray items) yield break;
        var parentId = ParentIdOf(parent);
        foreach (var item in items.OfType<JObject>())
        {
            var row = Naming.Flatten(item, Layout);
            row[ParentIdColumn] = parentId;
            Complete(row, item);
            yield return row;
        }
    }

    /// <summary>Sets columns the naming rule does not reach; runs after the parent's id is set, so it may replace it.</summary>
    protected virtual void Complete(Row row, JObject item) { }
}

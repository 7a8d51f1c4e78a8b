using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Clockify.Paging;

namespace TapClockify.Streams.TimeEntries;

/// <summary>
/// Clockify's entity-changes API for time entries (experimental; NOTES §7):
/// GET /workspaces/{ws}/entities/{created|updated|deleted}?type=TIME_ENTRY&amp;start&amp;end, bare
/// lists paged from 0 with "limit", at most 30 days a request. Created and updated items are whole
/// entries; deleted ones are {id, deletedAt, document}.
/// </summary>
public sealed class EntityChangesFeed(ClockifyClient client, int pageSize)
{
    /// <summary>The longest range one request may ask for.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);

    /// <summary>Deletions show "approximately one minute after" they happen: ranges end this far back.</summary>
    public static readonly TimeSpan VisibilityLag = TimeSpan.FromMinutes(2);

    /// <summary>Items of one list ("created", "updated" or "deleted") with change times in [from, to), window by window.</summary>
    public async IAsyncEnumerable<JObject> ReadAsync(string workspaceId, string list, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"workspaces/{Uri.EscapeDataString(workspaceId)}/entities/{list}";
        for (var start = from; start < to; start += MaxWindow)
        {
            var end = start + MaxWindow < to ? start + MaxWindow : to;
            var query = new KeyValuePair<string, string>[]
            {
                new("type", "TIME_ENTRY"),
                new("start", Timestamps.ForReport(start)),
                new("end", Timestamps.ForReport(end)),
            };
            // Live answers are bare lists; the document wraps them in {"response": [...]}: both are read.
            await foreach (var item in client.GetAllPagesAsync(path, query, pageSize, cancellationToken, PageParameters.ZeroBasedLimit, wrappedIn: "response"))
            {
                yield return item;
            }
        }
    }

    /// <summary>A deleted item as a time entry row source: what its document kept, the entry's id, and when it went.</summary>
    public static JObject DeletedEntry(JObject deleted)
    {
        var entry = deleted["document"] is JObject document ? (JObject)document.DeepClone() : new JObject();
        // The item's own id may name the change-log record; the entry's id is the document's _id.
        var entryId = entry["_id"] is JValue { Type: JTokenType.String } documentId ? documentId : deleted["id"];
        entry.Remove("_id");
        entry["id"] = entryId;
        entry["_sdc_deleted_at"] = deleted["deletedAt"];
        return entry;
    }
}

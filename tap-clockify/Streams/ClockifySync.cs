using Newtonsoft.Json.Linq;
using TapClockify.Clockify;
using TapClockify.Singer.Sync;

namespace TapClockify.Streams;

/// <summary>
/// Runs a sync: resolves the workspaces, then walks the stream tree of each one, a parent's
/// partition before its children's. A stream is fetched when it or a descendant is selected.
/// </summary>
public sealed class ClockifySync(ClockifyClient client, RecordSink sink, SyncOptions options, Action<string> log, Action<string> warn)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workspacesStream = StreamRegistry.Get("workspaces");
        var directory = new WorkspaceDirectory(client, warn);
        var workspaces = await directory.ResolveAsync(options.WorkspaceIds, cancellationToken);

        foreach (var workspace in workspaces)
        {
            var context = workspacesStream.ChildContext(workspace.ApiObject, new PartitionContext(workspace.Id));
            if (sink.IsSelected(workspacesStream.Name))
            {
                foreach (var row in workspacesStream.ToRows(workspace.ApiObject, context)) sink.Write(workspacesStream.Name, row);
            }
            log($"workspace {workspace.Label}: syncing");
            try
            {
                foreach (var child in StreamRegistry.ChildrenOf(workspacesStream))
                {
                    await SyncPartitionAsync(child, context, cancellationToken);
                }
            }
            catch (StreamSyncException forbidden) when (forbidden.Failure.Status == 403 && !workspace.ExplicitlyListed)
            {
                // Found through the role filter yet refused: treat it like a workspace the key cannot administer.
                warn($"workspace {workspace.Label}: skipped the rest of it, {forbidden.Message}");
            }
        }
    }

    private bool IsNeeded(ClockifyStream stream) =>
        sink.IsSelected(stream.Name) || StreamRegistry.ChildrenOf(stream).Any(IsNeeded);

    private async Task SyncPartitionAsync(ClockifyStream stream, PartitionContext context, CancellationToken cancellationToken)
    {
        if (stream.Path is null || !IsNeeded(stream)) return;

        var children = StreamRegistry.ChildrenOf(stream).ToList();
        var cutChildren = children.Where(c => c.Path is null && sink.IsSelected(c.Name)).ToList();
        var requestingChildren = children.Where(c => c.Path is not null && IsNeeded(c)).ToList();
        var childContexts = new List<PartitionContext>();
        var seenIds = stream.Queries.Count > 1 ? new HashSet<string>() : null;
        var writesRows = sink.IsSelected(stream.Name);

        try
        {
            foreach (var query in stream.Queries)
            {
                await foreach (var item in client.GetAllPagesAsync(context.FillPath(stream.Path), query, options.PageSize, cancellationToken))
                {
                    if (seenIds is not null && !seenIds.Add(item["id"]?.ToString() ?? "")) continue;
                    if (writesRows)
                    {
                        foreach (var row in stream.ToRows(item, context)) sink.Write(stream.Name, row);
                    }
                    foreach (var child in cutChildren)
                    {
                        foreach (var row in child.ToRows(item, context)) sink.Write(child.Name, row);
                    }
                    if (requestingChildren.Count > 0) childContexts.Add(stream.ChildContext(item, context));
                }
            }
        }
        catch (ClockifyApiException forbidden) when (forbidden.Status == 403 && stream.SkippedOnForbidden is not null)
        {
            warn($"stream {stream.Name}, {context}: skipped, {stream.SkippedOnForbidden} ({forbidden.Message})");
            return;
        }
        catch (ClockifyApiException failure)
        {
            throw new StreamSyncException(stream.Name, context, failure);
        }

        foreach (var childContext in childContexts)
        {
            foreach (var child in requestingChildren) await SyncPartitionAsync(child, childContext, cancellationToken);
        }
    }
}

public sealed record SyncOptions(IReadOnlyList<string> WorkspaceIds, int PageSize);

/// <summary>A request failed while syncing a stream; the message names the stream and partition first.</summary>
public sealed class StreamSyncException(string stream, PartitionContext context, ClockifyApiException inner)
    : Exception($"stream {stream}, {context}: {inner.Message}", inner)
{
    public ClockifyApiException Failure => inner;
}

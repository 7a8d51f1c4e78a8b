using Newtonsoft.Json.Linq;
using TapClockify.Clockify;

namespace TapClockify.Streams;

/// <summary>
/// Decides which workspaces a run syncs: those listed in workspace_ids, each of which the key's
/// user must administer, or else every workspace it administers (owner or admin), warning about
/// the ones it skips.
/// </summary>
public sealed class WorkspaceDirectory(ClockifyClient client, Action<string> warn)
{
    public sealed record Workspace(JObject ApiObject, bool ExplicitlyListed)
    {
        public string Id => ApiObject["id"]!.ToString();
        public string Label => $"{Id} ({ApiObject["name"]})";
    }

    public async Task<IReadOnlyList<Workspace>> ResolveAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken)
    {
        var all = await ListAsync(null, cancellationToken);
        // "Owners are not counted as admins when filtering" (official document), so both roles are asked for.
        var administered = (await ListAsync("OWNER", cancellationToken)).Concat(await ListAsync("WORKSPACE_ADMIN", cancellationToken))
            .Select(w => w["id"]!.ToString()).ToHashSet();

        if (workspaceIds.Count > 0)
        {
            var chosen = new List<Workspace>();
            foreach (var id in workspaceIds.Distinct())
            {
                var workspace = all.FirstOrDefault(w => w["id"]?.ToString() == id)
                    ?? throw new WorkspaceAccessException($"workspace_ids: workspace {id} is not among the API key's workspaces; check the id, the key and the region or api_url");
                if (!administered.Contains(id))
                    throw new WorkspaceAccessException($"workspace_ids: the API key's user is not an owner or admin of workspace {id} ({workspace["name"]}); use an admin's key or remove the id");
                chosen.Add(new Workspace(workspace, ExplicitlyListed: true));
            }
            return chosen;
        }

        var result = new List<Workspace>();
        foreach (var workspace in all)
        {
            var candidate = new Workspace(workspace, ExplicitlyListed: false);
            if (administered.Contains(candidate.Id)) result.Add(candidate);
            else warn($"workspace {candidate.Label}: skipped, the API key's user is not an owner or admin there");
        }
        if (result.Count == 0)
            throw new WorkspaceAccessException("the API key's user is not an owner or admin of any workspace; use the key of a workspace owner or admin");
        return result;
    }

    private async Task<IReadOnlyList<JObject>> ListAsync(string? role, CancellationToken cancellationToken)
    {
        var query = role is null ? [] : new[] { new KeyValuePair<string, string>("roles", role) };
        var list = new List<JObject>();
        await foreach (var workspace in client.GetListAsync("workspaces", query, cancellationToken)) list.Add(workspace);
        return list;
    }
}

public sealed class WorkspaceAccessException(string message) : Exception(message);

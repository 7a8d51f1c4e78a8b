using Newtonsoft.Json.Linq;
using TapClockify.Clockify;

namespace TapClockify.Streams;

/// <summary>
/// Decides which workspaces a run syncs: those listed in workspace_ids, each of which the key's
/// user must administer, or else every workspace it administers, warning about the ones it skips.
/// "Administers" is tested rather than inferred: the user list is for owners and admins only
/// (NOTES §2), so one request for it per workspace settles it before anything is written.
/// </summary>
public sealed class WorkspaceDirectory
{
    private readonly Func<CancellationToken, IAsyncEnumerable<JObject>> _listWorkspaces;
    private readonly Func<string, CancellationToken, Task<bool>> _administers;
    private readonly Action<string> _warn;

    /// <param name="askForUsers">
    /// A request for the workspace's users, such as the first page the sync will read of them; null
    /// for one user, the smallest answer.
    /// </param>
    public WorkspaceDirectory(ClockifyClient client, Func<string, CancellationToken, Task>? askForUsers, Action<string> warn)
        : this(token => client.GetListAsync("workspaces", [], token),
            (workspaceId, token) => AdministersAsync(askForUsers ?? ((id, t) => OneUserAsync(client, id, t)), workspaceId, token), warn)
    {
    }

    /// <param name="listWorkspaces">The API key's workspaces, as GET /workspaces lists them.</param>
    /// <param name="administers">Whether the key's user is an owner or admin of the workspace with this id.</param>
    /// <param name="warn">Told of each workspace skipped.</param>
    public WorkspaceDirectory(Func<CancellationToken, IAsyncEnumerable<JObject>> listWorkspaces, Func<string, CancellationToken, Task<bool>> administers,
        Action<string> warn)
    {
        _listWorkspaces = listWorkspaces;
        _administers = administers;
        _warn = warn;
    }

    public sealed record Workspace(JObject ApiObject)
    {
        public string Id => ApiObject["id"]!.ToString();
        public string Label => $"{Id} ({ApiObject["name"]})";
    }

    /// <param name="Readable">The workspaces to sync.</param>
    /// <param name="Refused">Workspaces of the key that it may not administer (only when none were listed).</param>
    public sealed record Resolution(IReadOnlyList<Workspace> Readable, IReadOnlyList<Workspace> Refused);

    public async Task<Resolution> ResolveAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken)
    {
        var all = new List<JObject>();
        await foreach (var workspace in _listWorkspaces(cancellationToken)) all.Add(workspace);

        if (workspaceIds.Count > 0)
        {
            var chosen = workspaceIds.Distinct().Select(id => new Workspace(
                all.FirstOrDefault(w => w["id"]?.ToString() == id)
                    ?? throw new WorkspaceAccessException($"workspace_ids: workspace {id} is not among the API key's workspaces; check the id, the key and the region or api_url")))
                .ToList();
            var chosenAdministered = await AdministeredAsync(chosen, cancellationToken);
            if (chosen.Where((_, i) => !chosenAdministered[i]).FirstOrDefault() is { } refusedChoice)
                throw new WorkspaceAccessException($"workspace_ids: the API key's user is not an owner or admin of workspace {refusedChoice.Label}; use an admin's key or remove the id");
            return new Resolution(chosen, []);
        }

        var candidates = all.Select(w => new Workspace(w)).ToList();
        var administered = await AdministeredAsync(candidates, cancellationToken);
        var result = new List<Workspace>();
        var refused = new List<Workspace>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (administered[i]) result.Add(candidates[i]);
            else
            {
                _warn($"workspace {candidates[i].Label}: skipped, the API key's user is not an owner or admin there");
                refused.Add(candidates[i]);
            }
        }
        if (result.Count == 0)
            throw new WorkspaceAccessException("the API key's user is not an owner or admin of any workspace; use the key of a workspace owner or admin");
        return new Resolution(result, refused);
    }

    /// <summary>Asked of every workspace at once, so that many workspaces do not add a round trip each before the sync starts.</summary>
    private Task<bool[]> AdministeredAsync(IEnumerable<Workspace> workspaces, CancellationToken cancellationToken) =>
        Task.WhenAll(workspaces.Select(w => _administers(w.Id, cancellationToken)));

    /// <summary>Whether the workspace's users were given, or refused with the 403 that says the key's user may not list them.</summary>
    private static async Task<bool> AdministersAsync(Func<string, CancellationToken, Task> askForUsers, string workspaceId, CancellationToken cancellationToken)
    {
        try
        {
            await askForUsers(workspaceId, cancellationToken);
            return true;
        }
        catch (ClockifyApiException refused) when (refused.Status == 403)
        {
            return false;
        }
    }

    private static async Task OneUserAsync(ClockifyClient client, string workspaceId, CancellationToken cancellationToken)
    {
        var users = new PartitionContext(workspaceId).FillPath(StreamRegistry.Get("users").Path!);
        // One page of one user, asked for as a single request so no second page is fetched.
        await foreach (var _ in client.GetListAsync(users, [new("page", "1"), new("page-size", "1")], cancellationToken)) { }
    }
}

public sealed class WorkspaceAccessException(string message) : Exception(message);

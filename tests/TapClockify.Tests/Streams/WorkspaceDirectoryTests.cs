using Newtonsoft.Json.Linq;
using TapClockify.Streams;
using Xunit;

namespace TapClockify.Tests.Streams;

public class WorkspaceDirectoryTests
{
    private readonly List<string> _warnings = [];
    private readonly List<string> _checked = [];

    private static JObject Workspace(string id, string name) => new() { ["id"] = id, ["name"] = name, ["features"] = new JArray("INVOICING") };

    private readonly JObject[] _workspaces = [Workspace("w1", "Acme"), Workspace("w2", "Beta"), Workspace("w3", "Gamma")];

    /// <summary>A directory of the workspaces above, of which the key's user administers <paramref name="administered"/>.</summary>
    private WorkspaceDirectory Directory(params string[] administered) => new(
        _ => _workspaces.ToAsyncEnumerable(),
        (id, _) =>
        {
            _checked.Add(id);
            return Task.FromResult(administered.Contains(id));
        },
        _warnings.Add);

    [Fact]
    public async Task Without_workspace_ids_every_workspace_the_user_administers_is_synced_in_the_apis_order()
    {
        var resolution = await Directory("w3", "w1").ResolveAsync([], CancellationToken.None);

        Assert.Equal(["w1", "w3"], resolution.Readable.Select(w => w.Id));
        Assert.Equal(["w1", "w2", "w3"], _checked);
    }

    [Fact]
    public async Task Every_workspace_is_asked_about_before_any_answer_comes_so_many_cost_one_round_trip()
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var directory = new WorkspaceDirectory(_ => _workspaces.ToAsyncEnumerable(), (id, _) =>
        {
            lock (_checked) _checked.Add(id);
            return answer.Task;
        }, _warnings.Add);

        var resolving = directory.ResolveAsync([], CancellationToken.None);
        for (var waited = 0; waited < 500 && _checked.Count < _workspaces.Length; waited++) await Task.Delay(10);
        Assert.Equal(["w1", "w2", "w3"], _checked.Order());
        answer.SetResult(true);

        Assert.Equal(["w1", "w2", "w3"], (await resolving).Readable.Select(w => w.Id));
    }

    [Fact]
    public async Task Without_workspace_ids_a_workspace_the_user_does_not_administer_is_refused_with_one_warning_naming_it()
    {
        var resolution = await Directory("w1", "w3").ResolveAsync([], CancellationToken.None);

        Assert.Equal(["w2"], resolution.Refused.Select(w => w.Id));
        Assert.Equal(["workspace w2 (Beta): skipped, the API key's user is not an owner or admin there"], _warnings);
    }

    [Fact]
    public async Task Without_workspace_ids_a_user_who_administers_no_workspace_is_an_error_that_says_whose_key_to_use()
    {
        var failure = await Assert.ThrowsAsync<WorkspaceAccessException>(() => Directory().ResolveAsync([], CancellationToken.None));

        Assert.Equal("the API key's user is not an owner or admin of any workspace; use the key of a workspace owner or admin", failure.Message);
    }

    [Fact]
    public async Task Listed_workspaces_are_synced_in_the_listed_order_each_once_and_no_other_is_checked()
    {
        var resolution = await Directory("w1", "w2", "w3").ResolveAsync(["w3", "w1", "w3"], CancellationToken.None);

        Assert.Equal(["w3", "w1"], resolution.Readable.Select(w => w.Id));
        Assert.Empty(resolution.Refused);
        Assert.Equal(["w3", "w1"], _checked);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_listed_workspace_that_is_not_among_the_keys_workspaces_is_an_error_naming_it_and_what_to_check()
    {
        var failure = await Assert.ThrowsAsync<WorkspaceAccessException>(() => Directory("w1").ResolveAsync(["w1", "w9"], CancellationToken.None));

        Assert.Equal("workspace_ids: workspace w9 is not among the API key's workspaces; check the id, the key and the region or api_url", failure.Message);
    }

    [Fact]
    public async Task A_listed_workspace_the_user_does_not_administer_is_an_error_naming_it_rather_than_a_skip()
    {
        var failure = await Assert.ThrowsAsync<WorkspaceAccessException>(() => Directory("w1").ResolveAsync(["w1", "w2"], CancellationToken.None));

        Assert.Equal("workspace_ids: the API key's user is not an owner or admin of workspace w2 (Beta); use an admin's key or remove the id", failure.Message);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_workspace_keeps_the_object_the_api_listed_so_its_features_and_settings_reach_the_workspaces_stream()
    {
        var resolution = await Directory("w2").ResolveAsync([], CancellationToken.None);

        var workspace = Assert.Single(resolution.Readable);
        Assert.Same(_workspaces[1], workspace.ApiObject);
        Assert.Equal("w2 (Beta)", workspace.Label);
    }
}

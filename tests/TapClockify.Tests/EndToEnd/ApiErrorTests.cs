using Clockify.Emulator;
using Newtonsoft.Json.Linq;
using TapClockify.Tests.Support;
using Xunit;

namespace TapClockify.Tests.EndToEnd;

/// <summary>What a user sees when Clockify refuses: one line, the status, what to do, and no key.</summary>
public class ApiErrorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static void AssertOneClearLine(TapRun run, params string[] expected)
    {
        Assert.NotEqual(0, run.ExitCode);
        var errors = run.StderrLines.Where(l => l.Contains("ERROR")).ToList();
        var line = Assert.Single(errors);
        foreach (var text in expected) Assert.Contains(text, line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("wrong-key-123", run.Stderr + run.Stdout);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_line_that_says_to_check_api_key()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config("wrong-key-123"));
        AssertOneClearLine(run, "HTTP 401", "check api_key");
        Assert.DoesNotContain(run.Messages.All, m => m["type"]!.ToString() == "STATE");
    }

    [Fact]
    public async Task A_listed_workspace_the_key_cannot_administer_is_an_error_naming_it()
    {
        var adminId = fixture.Emulator.Data.UserIdsByApiKey[EmulatorDataset.AdminApiKey];
        var memberOnly = fixture.Emulator.Data.Workspaces.First(w => !w.IsAdministrator(adminId) && w.WorkspaceMembershipStatus(adminId) is not null);

        var run = await TapRun.WithConfigAsync(fixture.Config(extra: new JObject { ["workspace_ids"] = new JArray(memberOnly.Id) }));
        AssertOneClearLine(run, "workspace_ids", memberOnly.Id, "not an owner or admin");
    }

    [Fact]
    public async Task An_unknown_listed_workspace_is_an_error_naming_it()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(extra: new JObject { ["workspace_ids"] = new JArray("000000000000000000000000") }));
        AssertOneClearLine(run, "workspace_ids", "000000000000000000000000", "not among");
    }

    [Fact]
    public async Task A_key_that_administers_nothing_is_an_error()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(EmulatorDataset.MemberApiKey));
        AssertOneClearLine(run, "not an owner or admin of any workspace");
    }

    [Fact]
    public async Task A_host_that_is_not_clockify_names_the_status_and_the_request()
    {
        var run = await TapRun.WithConfigAsync(fixture.Config(extra: new JObject { ["api_url"] = fixture.Emulator.BaseUrl + "/nothing/v1", ["max_attempts"] = 1 }));
        AssertOneClearLine(run, "HTTP 404", "/nothing/v1/workspaces");
    }

    [Fact]
    public async Task A_host_that_does_not_answer_fails_after_the_retries_with_one_line()
    {
        // The wait before the second attempt is skipped, not slept.
        var run = await TapRun.WithConfigAsync(fixture.Config(extra: new JObject
        {
            ["api_url"] = "http://127.0.0.1:9/api/v1",
            ["max_attempts"] = 2,
            ["max_retry_wait_seconds"] = 1,
        }), new FastForwardClock());
        AssertOneClearLine(run, "127.0.0.1:9");
    }
}

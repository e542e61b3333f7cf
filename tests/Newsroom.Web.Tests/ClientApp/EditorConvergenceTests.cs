using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.ClientApp;

/// <summary>
/// Seeded collaborative sessions run with node through the editor's own receive step (ClientApp/src/receive.js) and
/// the very @codemirror packages it bundles, against a server rebasing as LiveTexts does
/// (tools/changeset-cases/simulate.mjs), also with suggestions and authorship (ClientApp/src/suggest-sync.js over
/// tracked-text.js: editors in suggest mode, accepts and rejects made by the server among the typing). The C# side of
/// the same proof is ConvergenceSimulationTests.
/// </summary>
public sealed class EditorConvergenceTests
{
    [Theory]
    [InlineData(1_000, 4)]
    [InlineData(10, 60)]
    public async Task The_editor_ends_with_the_servers_text_in_every_seeded_session(int sessions, int editors)
    {
        var (exitCode, output) = await SimulateAsync(sessions, editors, "sequential", "single");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"0 of {sessions} seeds diverged", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000, 4)]
    [InlineData(10, 40)]
    public async Task With_suggest_mode_editors_and_decisions_every_editor_ends_with_the_servers_text_suggestions_and_authorship(int sessions, int editors)
    {
        var (exitCode, output) = await SimulateAsync(sessions, editors, "sequential", "single", "tracked");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"0 of {sessions} seeds diverged", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// With the server's strict check (LiveTexts refuses a suggest-mode removal of text that is no longer the pusher's
    /// own suggestion, as after an acceptance meanwhile) and a story turning suggest-only now and then (a plain deletion
    /// on its way is refused), the editor puts its refused edits back (refused-push.js): both paths must be taken, and
    /// every editor must still converge.
    /// </summary>
    [Fact]
    public async Task With_the_servers_strict_check_refused_pushes_are_put_back_and_every_editor_converges()
    {
        var (exitCode, output) = await SimulateAsync(1_000, 4, "sequential", "single", "strict");

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 of 1000 seeds diverged", output, StringComparison.Ordinal);
        // Both races happen: a removal of an own suggestion accepted meanwhile, and a plain deletion on its way when the story turns suggest-only.
        Assert.All(["push.suggestion-deletes-text", "push.suggest-only"], code =>
        {
            var refused = Regex.Match(output, $@", (\d+) {Regex.Escape(code)}\b");
            Assert.True(refused.Success && int.Parse(refused.Groups[1].Value, CultureInfo.InvariantCulture) > 0, output);
        });
    }

    [Fact]
    public async Task An_editor_that_drops_the_servers_tracking_is_caught()
    {
        var (exitCode, output) = await SimulateAsync(50, 3, "sequential", "single", "untracked");

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(" 0 of 50 seeds diverged", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebasing_over_a_composition_as_before_is_caught()
    {
        var (exitCode, output) = await SimulateAsync(300, 3, "rebase", "grouped");

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(" 0 of 300 seeds diverged", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> SimulateAsync(int sessions, int editors, string server, string client, string tracked = "")
    {
        var start = new ProcessStartInfo("node", ["simulate.mjs", $"{sessions}", $"{editors}", server, client, tracked])
        {
            WorkingDirectory = Path.Combine(Readme.RepositoryRoot, "tools", "changeset-cases"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        return (node.ExitCode, await output + await errors);
    }
}

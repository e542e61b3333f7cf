using Microsoft.EntityFrameworkCore;
using Newsroom.Domain;
using Newsroom.Application.Features.Audit;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Features.Audit;

public sealed class AuditChainTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Commands_audited_at_the_same_time_still_form_one_unbroken_chain()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");
        var editor = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");

        // Forty commands at once, half of them refused: every one is audited, each after exactly one other.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Attempt(() => App.SendAsync(
            i % 2 == 0 ? admin : editor, new UpdateBio.Command(editor.Id, $"Bio {i}")))));
        var verdict = await App.SendAsync(admin, new VerifyAuditChain.Query());

        Assert.True(verdict.Intact, verdict.Problem);
        await using var db = App.Database.CreateContext();
        var rows = await db.AuditLog.OrderBy(a => a.Id).Select(a => new { a.Hash, a.PreviousHash }).ToListAsync();
        Assert.Equal(40, rows.Count(r => r.Hash != null));
        Assert.Equal(verdict.RowsChecked, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.PreviousHash).Distinct().Count());
        Assert.Equal(rows[^1].Hash, verdict.LastHash);
    }

    private static async Task Attempt(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (RefusedException e) when (e.Refusal.Kind == RefusalKind.Forbidden)
        {
            // Refused commands are audited too; that is the point here.
        }
    }
}

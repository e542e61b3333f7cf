using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Features.Users;

public sealed class AccountAccessTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin_standing()
    {
        var nour = await App.CreateUserAsync(Roles.Admin, "Nour Admin");
        var hadi = await App.CreateUserAsync(Roles.Admin, "Hadi Admin");

        var results = await Task.WhenAll(
            Outcome(() => App.SendAsync(nour, new ChangeRole.Command(hadi.Id, Roles.Editor))),
            Outcome(() => App.SendAsync(hadi, new DisableUser.Command(nour.Id))));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RefusedException);
        await using var db = App.Database.CreateContext();
        var activeAdmins = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users.Where(u => u.DisabledAt == null), id => id, u => u.Id, (_, u) => u.Id)
            .CountAsync();
        Assert.Equal(1, activeAdmins);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_its_next_request_even_with_the_claims_it_held()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");
        var editor = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");
        await App.SendAsync(editor, new ListStaff.Query());

        await App.SendAsync(admin, new DisableUser.Command(editor.Id));
        var refused = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(editor, new ListStaff.Query()));

        Assert.Equal(Refusal.Forbidden(AccountAccess.Disabled).Code, refused.Refusal.Code);
    }

    private static async Task<Exception?> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}

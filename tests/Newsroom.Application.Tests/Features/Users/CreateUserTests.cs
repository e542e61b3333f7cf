using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Features.Users;

public sealed class CreateUserTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task An_admin_creates_an_account_that_can_sign_in_with_its_role()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");

        var created = await App.SendAsync(admin, new CreateUser.Command(
            "rami.saleh@newsroom.test", "Rami Saleh", Roles.Editor, "Night-desk-2026", "رامي صالح محرر الليل"));

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsroomUser>>();
        var user = await users.FindByIdAsync(created.UserId.ToString());
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, "Night-desk-2026"));
        Assert.Equal([Roles.Editor], await users.GetRolesAsync(user));
        Assert.Equal("رامي صالح محرر الليل", user.Bio);
    }

    [Fact]
    public async Task Only_an_admin_may_create_accounts()
    {
        var editor = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");

        var refusal = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(editor,
            new CreateUser.Command("x@newsroom.test", "X", Roles.Admin, "Long-enough-password")));

        Assert.StartsWith("not-allowed.role(CreateUser, [Admin]", refusal.Refusal.ToString(), StringComparison.Ordinal);
        await AssertAccountCountAsync(1);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_no_half_made_account_is_left()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");

        var failure = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(admin,
            new CreateUser.Command("weak@newsroom.test", "Weak", Roles.Reporter, "short")));

        Assert.All(failure.Errors, e => Assert.Equal("Password", e.PropertyName));
        Assert.Contains(failure.Errors, e => e.ErrorMessage.Contains("12 characters", StringComparison.Ordinal));
        await AssertAccountCountAsync(1);
    }

    [Fact]
    public async Task An_unknown_role_and_a_taken_email_are_refused()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");

        var badRole = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(admin,
            new CreateUser.Command("new@newsroom.test", "New", "Publisher", "Long-enough-password")));
        var taken = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(admin,
            new CreateUser.Command(admin.Email, "Again", Roles.Reporter, "Long-enough-password")));

        Assert.Equal("Role must be one of: Reporter, Editor, Admin.", Assert.Single(badRole.Errors).ErrorMessage);
        Assert.Equal("Email", Assert.Single(taken.Errors).PropertyName);
        await AssertAccountCountAsync(1);
    }

    [Fact]
    public async Task Accounts_are_listed_with_roles_for_admins()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");
        await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");

        var rows = await App.SendAsync(admin, new ListUsers.Query());

        Assert.Equal([("Layla Haddad", Roles.Reporter), ("Nour Admin", Roles.Admin)],
            rows.Select(r => (r.DisplayName, Assert.Single(r.Roles))));
    }

    private async Task AssertAccountCountAsync(int expected)
    {
        await using var db = App.Database.CreateContext();
        Assert.Equal(expected, await db.Users.CountAsync());
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// One administrator's change to one account: its own scope (UserManager sits on a scoped context, which in a
/// Blazor circuit would live as long as the page), a transaction, and a lock that serialises account changes, so
/// two administrators demoting each other at once cannot leave the newsroom with none.
/// </summary>
internal sealed class AccountChange : IAsyncDisposable
{
    // Any constant unique among the app's advisory locks; the audit chain uses another.
    private const long AccountsLock = 0x4E_52_41_43; // "NRAC"

    private readonly AsyncServiceScope _scope;
    private readonly IDbContextTransaction _transaction;

    private AccountChange(AsyncServiceScope scope, IDbContextTransaction transaction, UserManager<NewsroomUser> users, NewsroomUser account)
    {
        _scope = scope;
        _transaction = transaction;
        Users = users;
        Account = account;
    }

    public UserManager<NewsroomUser> Users { get; }

    public NewsroomUser Account { get; }

    public static async Task<AccountChange> BeginAsync(IServiceScopeFactory scopes, Guid userId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsroomDbContext>();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AccountsLock})", cancellationToken);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsroomUser>>();
            var account = await users.FindByIdAsync(userId.ToString()) ?? throw AccountRefusals.NoSuchAccount(userId);
            return new AccountChange(scope, transaction, users, account);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    public async Task<string> RoleAsync() => (await Users.GetRolesAsync(Account)).FirstOrDefault() ?? "";

    /// <summary>Refuses when the account is the only active administrator left.</summary>
    public async Task EnsureAnotherActiveAdminAsync()
    {
        var admins = await Users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != Account.Id && a.DisabledAt is null))
        {
            throw AccountRefusals.LastActiveAdmin(Account.DisplayName);
        }
    }

    /// <summary>
    /// Saves the account, by default with a new security stamp: every cookie, bearer and refresh token and open
    /// connection issued before it stops working at its next check (docs/architecture.md, "Taking access away").
    /// A change that takes nothing away (a reset link issued) keeps the stamp.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken, bool endSessions = true)
    {
        var saved = endSessions ? await Users.UpdateSecurityStampAsync(Account) : await Users.UpdateAsync(Account);
        if (!saved.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", saved.Errors.Select(e => e.Description)));
        }

        await _transaction.CommitAsync(cancellationToken);
        // Every instance forgets what it knew of the account, not only this one.
        await _scope.ServiceProvider.GetRequiredService<MediatR.IMediator>()
            .Publish(new AccountAccessChanged(Account.Id), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _scope.DisposeAsync();
    }
}

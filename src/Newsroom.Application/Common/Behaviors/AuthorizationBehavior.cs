using System.Reflection;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>Refuses a request whose sender lacks the roles it declares, before any handler or database work.</summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser user, AccountAccess access) : IPipelineBehavior<TRequest, TResponse>
{
    // Read once per request type: attributes do not change at run time.
    private static readonly bool AllowsAnonymous =
        typeof(TRequest).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;

    private static readonly IReadOnlyList<string> AllowedRoles =
        typeof(TRequest).GetCustomAttribute<AllowedRolesAttribute>()?.Roles ?? [];

    public async Task<TResponse> Handle(
        TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (AllowsAnonymous)
        {
            return await next();
        }

        var name = RequestName.Of(typeof(TRequest));
        if (!user.IsAuthenticated)
        {
            throw new RefusedException(Refusal.Forbidden("not-allowed.sign-in", name));
        }

        // An open page or hub connection keeps the claims it started with; this catches a disabled or demoted
        // account at its next request, whatever channel it came by. The System role is no account's.
        if (!user.IsInRole(Roles.System) && user.Id is { } id && await access.WhyWithdrawnAsync(id, user.SecurityStamp, cancellationToken) is { } withdrawn)
        {
            throw new RefusedException(Refusal.Forbidden(withdrawn));
        }

        if (AllowedRoles.Count > 0 && !AllowedRoles.Any(user.IsInRole))
        {
            throw new RefusedException(Refusal.Forbidden("not-allowed.role", name, AllowedRoles.ToArray(), user.Name));
        }

        return await next();
    }
}

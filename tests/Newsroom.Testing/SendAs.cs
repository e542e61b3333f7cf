using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;

namespace Newsroom.Testing;

public static class SendAs
{
    /// <summary>Sends a request as an account would from a page: its real claims, in a fresh scope.</summary>
    public static async Task<TResponse> SendAsAsync<TResponse>(this IServiceProvider services, string email, IRequest<TResponse> request)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsroomUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal =
            await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<NewsroomUser>>().CreateAsync(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

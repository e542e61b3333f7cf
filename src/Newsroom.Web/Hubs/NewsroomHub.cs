using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Domain.Stories;

namespace Newsroom.Web.Hubs;

/// <summary>What the newsroom hub pushes to its clients.</summary>
public interface INewsroomClient
{
    Task StoryChanged(StoryChangedMessage message);

    /// <summary>This user's notifications changed: fetch the bell again.</summary>
    Task NotificationsChanged();
}

public sealed record StoryChangedMessage(Guid StoryId, string Slug, string Headline, StoryState State);

/// <summary>
/// Live newsroom events for signed-in staff (cookie or bearer token; WebSocket clients pass the token as
/// <c>access_token</c>). Clients only listen here; changes are made through the API or the pages.
/// </summary>
[Authorize]
public sealed class NewsroomHub : Hub<INewsroomClient>
{
    public const string Path = "/hubs/newsroom";
}

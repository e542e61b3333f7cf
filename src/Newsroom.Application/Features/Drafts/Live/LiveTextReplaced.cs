using MediatR;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>The server changed a live text itself (a revision restored): the hosts broadcast it like any update.</summary>
public sealed record LiveTextReplaced(Guid StoryId, string Field, int FromVersion, IReadOnlyList<AcceptedUpdate> Updates) : INotification;

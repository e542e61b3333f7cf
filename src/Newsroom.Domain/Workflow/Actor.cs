using Newsroom.Domain.Users;

namespace Newsroom.Domain.Workflow;

/// <summary>Who is acting on a story, as the workflow rules need to know them.</summary>
public sealed record Actor(Guid UserId, string Name, bool IsEditor)
{
    public static Actor From(Guid userId, string name, Func<string, bool> isInRole) =>
        new(userId, name, isInRole(Roles.Editor) || isInRole(Roles.Admin));
}

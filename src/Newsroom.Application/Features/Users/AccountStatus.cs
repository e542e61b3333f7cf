namespace Newsroom.Application.Features.Users;

/// <summary>An account after an administrator changed it.</summary>
public sealed record AccountStatus(Guid UserId, string Role, bool Disabled);

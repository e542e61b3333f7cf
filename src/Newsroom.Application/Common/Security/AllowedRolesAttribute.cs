namespace Newsroom.Application.Common.Security;

/// <summary>
/// Declares who may send a request. A request without it is open to any signed-in user; one marked
/// <see cref="AllowAnonymousRequestAttribute"/> is open to everyone.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;

namespace Newsroom.Application.Common.Security;

/// <summary>The sender may not do this. <see cref="Reason"/> says why, in words the sender can act on.</summary>
public sealed class NotAllowedException(string reason) : Exception($"Not allowed: {reason}")
{
    public string Reason { get; } = reason;
}

using MediatR;

namespace Newsroom.Application.Common.Instances;

/// <summary>
/// <paramref name="News"/> as each app instance hears it: published once on every instance, the one where it
/// happened included, by <see cref="ShareWithEveryInstance{T}"/> here and by the host's <see cref="IOtherInstances"/>
/// elsewhere. Caches forget and pages refresh on this, never on the bare notification.
/// </summary>
public sealed record OnEveryInstance<T>(T News) : INotification
    where T : IInstanceNews;

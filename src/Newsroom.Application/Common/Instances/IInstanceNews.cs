using MediatR;

namespace Newsroom.Application.Common.Instances;

/// <summary>
/// News every app instance must hear, not only the one where it happened: each keeps caches and open pages of its
/// own. Handlers of the bare notification run once, where it happened (notifications written, hub messages sent);
/// handlers of <see cref="OnEveryInstance{T}"/> run on every instance, that one included.
/// </summary>
public interface IInstanceNews : INotification;

using MediatR;

namespace Newsroom.Application.Common.Instances;

/// <summary>
/// The feed between instances was interrupted and is back. What was said meanwhile is lost, so every cache forgets
/// everything and every open page reads again: pages catch up instead of staying stale without knowing it.
/// </summary>
public sealed record InstanceFeedResumed : INotification;

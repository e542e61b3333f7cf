namespace Newsroom.Application.Common.Instances;

/// <summary>The other app instances of this newsroom, as far as news goes (docs/decisions/ADR-018).</summary>
public interface IOtherInstances
{
    /// <summary>Tells every other instance, which publishes <see cref="OnEveryInstance{T}"/> of it there.</summary>
    Task TellAsync(IInstanceNews news, CancellationToken cancellationToken);
}

/// <summary>One instance alone: nobody else to tell.</summary>
internal sealed class NoOtherInstances : IOtherInstances
{
    public Task TellAsync(IInstanceNews news, CancellationToken cancellationToken) => Task.CompletedTask;
}

using MediatR;

namespace Newsroom.Application.Common.Mediation;

/// <summary>A request that changes something. Every command, allowed or refused, is written to the audit log.</summary>
public interface ICommand<out TResult> : IRequest<TResult>;

/// <summary>A command about one existing story: the audit log records its state before and after.</summary>
public interface IStoryCommand
{
    Guid StoryId { get; }
}

/// <summary>A command whose reason (a legal hold's, say) belongs on its audit row beside who sent it.</summary>
public interface IExplainedCommand
{
    string? Reason { get; }
}

/// <summary>A command result naming the story it made, so the audit row can point at it.</summary>
public interface IStoryResult
{
    Guid StoryId { get; }
}

/// <summary>
/// A request sent many times a second while people type (live-editor pushes and pulls) or by the host's timer
/// every few seconds (publishing due stories, saving live texts): logged at Debug, so the log keeps the workflow
/// readable.
/// </summary>
public interface IFrequentRequest;

/// <summary>
/// A request whose effect lands once however often it is sent (a read, or a live-editor push, which the text takes
/// once by client id): while the database is out of reach it is retried for a bounded time, then refused as saving
/// paused, never failed with an error.
/// </summary>
public interface IRetriedThroughOutage;

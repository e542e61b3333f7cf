namespace Newsroom.Domain.Workflow;

/// <summary>The story's state does not allow this now ("Can't publish: 2 unresolved comments").</summary>
public sealed class WorkflowException(string message) : DomainRuleException(message);

/// <summary>This person may not do this to this story ("You are on this story's byline; another editor must approve it").</summary>
public sealed class StoryPermissionException(string message) : DomainRuleException(message);

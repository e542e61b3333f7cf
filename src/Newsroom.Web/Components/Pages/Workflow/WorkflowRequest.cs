using Newsroom.Domain.Workflow;

namespace Newsroom.Web.Components.Pages.Workflow;

/// <summary>A button press in the workflow bar: which action, and the note typed beside it.</summary>
public sealed record WorkflowRequest(StoryAction Action, string? Note);

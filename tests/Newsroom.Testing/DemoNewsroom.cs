using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;

namespace Newsroom.Testing;

/// <summary>The demo newsroom's people doing their jobs, for tests that need a story in a given state.</summary>
public static class DemoNewsroom
{
    public const string Layla = "layla.haddad@newsroom.test";
    public const string Samira = "samira.nasser@newsroom.test";

    /// <summary>Layla writes the story and submits it; Samira approves and publishes it.</summary>
    public static async Task<Guid> PublishAsync(this IServiceProvider services, CreateStory.Command story)
    {
        var id = (await services.SendAsAsync(Layla, story)).StoryId;
        await services.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await services.SendAsAsync(Samira, new Approve.Command(id));
        await services.SendAsAsync(Samira, new Publish.Command(id));
        return id;
    }
}

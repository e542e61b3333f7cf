using MediatR;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Infrastructure;

/// <summary>
/// A small newsroom for workflow tests: Layla (reporter, writes the story), Tom (another reporter), Samira (editor),
/// Omar (an editor who writes stories too) and Nour (admin), and helpers to bring a story to any state the way
/// people would.
/// </summary>
public sealed class Staff(ApplicationFixture app)
{
    public TestUser Layla { get; private set; } = default!;
    public TestUser Tom { get; private set; } = default!;
    public TestUser Samira { get; private set; } = default!;
    public TestUser Omar { get; private set; } = default!;
    public TestUser Nour { get; private set; } = default!;

    public static async Task<Staff> OpenAsync(ApplicationFixture app)
    {
        var newsroom = new Staff(app)
        {
            Layla = await app.CreateUserAsync(Roles.Reporter, "Layla Haddad"),
            Tom = await app.CreateUserAsync(Roles.Reporter, "Tom Becker"),
            Samira = await app.CreateUserAsync(Roles.Editor, "Samira Nasser"),
            Omar = await app.CreateUserAsync(Roles.Editor, "Omar Khalil"),
            Nour = await app.CreateUserAsync(Roles.Admin, "Nour Admin"),
        };
        return newsroom;
    }

    public TestUser this[string name] => name switch
    {
        "Layla" => Layla,
        "Tom" => Tom,
        "Samira" => Samira,
        "Omar" => Omar,
        "Nour" => Nour,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public Task<TResponse> SendAsync<TResponse>(TestUser user, IRequest<TResponse> request) => app.SendAsync(user, request);

    /// <summary>A story written by <paramref name="author"/> (Layla unless said), brought to <paramref name="state"/>.</summary>
    public async Task<Guid> StoryInAsync(StoryState state, TestUser? author = null)
    {
        author ??= Layla;
        var created = await app.SendAsync(author, new CreateStory.Command(
            $"story-{Guid.NewGuid():N}", "ar", "Local", "حريق في الميناء", Body: "اندلع حريق صباح اليوم في مستودع قرب الميناء."));
        var id = created.StoryId;
        if (state == StoryState.Draft)
        {
            return id;
        }

        if (state == StoryState.Spiked)
        {
            await app.SendAsync(Samira, new Spike.Command(id));
            return id;
        }

        await app.SendAsync(author, new SubmitForReview.Command(id));
        if (state == StoryState.InReview)
        {
            return id;
        }

        if (state == StoryState.ChangesRequested)
        {
            await app.SendAsync(Samira, new RequestChanges.Command(id, "Check the second source."));
            return id;
        }

        await app.SendAsync(Samira, new Approve.Command(id));
        if (state == StoryState.Approved)
        {
            return id;
        }

        if (state == StoryState.Scheduled)
        {
            await app.SendAsync(Samira, new SetEmbargo.Command(id, DateTimeOffset.UtcNow.AddHours(1)));
            await app.SendAsync(Samira, new Publish.Command(id));
            return id;
        }

        await app.SendAsync(Samira, new Publish.Command(id));
        if (state == StoryState.Published)
        {
            return id;
        }

        if (state == StoryState.Corrected)
        {
            await app.SendAsync(Samira, new Correct.Command(id, "An earlier version gave the wrong street."));
            return id;
        }

        await app.SendAsync(Samira, new Unpublish.Command(id));
        return id;
    }

    /// <summary>A story written by <paramref name="author"/> and taken through review to publication, as people would.</summary>
    public async Task<Guid> PublishedAsync(CreateStory.Command story, TestUser? author = null)
    {
        author ??= Layla;
        var id = (await app.SendAsync(author, story)).StoryId;
        await app.SendAsync(author, new SubmitForReview.Command(id));
        await app.SendAsync(Samira, new Approve.Command(id));
        await app.SendAsync(Samira, new Publish.Command(id));
        return id;
    }

    public Task<AddComment.Result> CommentAsync(Guid storyId, TestUser by, string text = "Is this confirmed?") =>
        app.SendAsync(by, new AddComment.Command(storyId, text));
}

using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Drafts;

public sealed class EditPermissionsTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task The_edit_rule_is_kept_until_a_change_or_the_feed_between_instances_coming_back_forgets_it()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.InReview);
        var permissions = App.Services.GetRequiredService<EditPermissions>();
        var before = await permissions.GetAsync(id, newsroom.Layla.Id, CancellationToken.None);

        // Behind the app's back, so no news of it: the kept facts still answer, as they would for a change lost
        // between instances, until the feed comes back and every instance forgets what it kept.
        await using (var db = App.Database.CreateContext())
        {
            await db.Stories.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SuggestOnlyInReview, true));
        }

        var kept = await permissions.GetAsync(id, newsroom.Layla.Id, CancellationToken.None);
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new InstanceFeedResumed());
        }

        var after = await permissions.GetAsync(id, newsroom.Layla.Id, CancellationToken.None);

        Assert.Equal((StoryState.InReview, true, false), (before.State, before.OnStory, before.SuggestOnly));
        Assert.False(kept.SuggestOnly);
        Assert.True(after.SuggestOnly);
    }
}

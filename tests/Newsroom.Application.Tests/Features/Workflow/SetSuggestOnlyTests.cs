using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Workflow;

public sealed class SetSuggestOnlyTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task An_editor_makes_edits_suggestions_in_review_the_audit_says_so_and_a_reporter_may_not()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.InReview);

        var refused = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Layla, new SetSuggestOnly.Command(id, true)));
        await newsroom.SendAsync(newsroom.Samira, new SetSuggestOnly.Command(id, true));
        var inReview = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        await newsroom.SendAsync(newsroom.Samira, new RequestChanges.Command(id, "Tighten the intro."));
        var changesRequested = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));

        Assert.Equal(("not-allowed.role", RefusalKind.Forbidden), (refused.Refusal.Code, refused.Refusal.Kind));
        Assert.Equal((StoryState.InReview, true), (inReview.State, inReview.SuggestOnlyInReview));
        Assert.Equal((StoryState.ChangesRequested, true), (changesRequested.State, changesRequested.SuggestOnlyInReview));
        await using var db = App.Database.CreateContext();
        var audit = await db.AuditLog.Where(a => a.StoryId == id && a.Command == "SetSuggestOnly").OrderBy(a => a.Id)
            .Select(a => new { a.UserName, a.Outcome, a.Details }).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Contains("\"suggestOnlyInReview\":{\"before\":false,\"after\":true}", audit[1].Details, StringComparison.Ordinal);
        Assert.Equal("Samira Nasser", audit[1].UserName);
    }
}

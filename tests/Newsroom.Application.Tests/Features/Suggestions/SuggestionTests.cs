using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Suggestions;

public sealed class SuggestionTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Words_by_person_count_each_writers_words_in_every_live_field_and_follow_decisions()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = (await newsroom.SendAsync(newsroom.Layla, new CreateStory.Command("words-by-person", "ar", "City", "المجلس يصوّت", Body: "صوّت المجلس الليلة على الميزانية."))).StoryId;
        await newsroom.SendAsync(newsroom.Layla, new SubmitForReview.Command(id));

        var made = await newsroom.SendAsync(newsroom.Samira, new SuggestChange.Command(id, LiveFields.Body, 32, 32, " بالإجماع", "Unanimous, per the minutes."));
        await newsroom.SendAsync(newsroom.Samira, new SuggestChange.Command(id, LiveFields.Headline, 0, 0, "عاجل: ", null));
        var before = await newsroom.SendAsync(newsroom.Layla, new GetWordsByPerson.Query(id));
        var listed = await newsroom.SendAsync(newsroom.Layla, new ListSuggestions.Query(id));
        await newsroom.SendAsync(newsroom.Layla, new SettleSuggestion.Command(id, Assert.Single(made.SuggestionIds), Accept: false));
        var after = await newsroom.SendAsync(newsroom.Layla, new GetWordsByPerson.Query(id));

        Assert.Equal([("Layla Haddad", 7), ("Samira Nasser", 2)], before.Select(p => (p.Name, p.Words)));
        Assert.Equal([(LiveFields.Headline, "عاجل: "), (LiveFields.Body, " بالإجماع")], listed.Select(s => (s.Field, s.Text)));
        Assert.All(listed, s => Assert.Equal((SuggestionKind.Insertion, "Samira Nasser"), (s.Kind, s.AuthorName)));
        Assert.Equal([("Layla Haddad", 7), ("Samira Nasser", 1)], after.Select(p => (p.Name, p.Words)));
        var story = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal((StoryState.InReview, "صوّت المجلس الليلة على الميزانية.", 1), (story.State, story.Body, story.OpenSuggestions));
        var name = (await newsroom.SendAsync(newsroom.Layla, new ListRevisions.Query(id)))[0].GeneratedName;
        Assert.Equal("revision.suggestions-rejected(1, Samira Nasser, Layla Haddad)", name?.ToString());
    }
}

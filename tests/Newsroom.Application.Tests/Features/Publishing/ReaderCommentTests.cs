using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Publishing;

namespace Newsroom.Application.Tests.Features.Publishing;

public sealed class ReaderCommentTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_comment_is_held_until_an_editor_approves_it_and_readers_never_get_the_email()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.PublishedAsync(new CreateStory.Command("fire", "en", "Local", "Fire"));

        var posted = await App.SendAsync(null, new PostReaderComment.Command("fire", "Mona", "mona@example.org", "Thank you for this."));
        var before = await App.SendAsync(null, new ListApprovedComments.Query(id));
        var held = Assert.Single(await newsroom.SendAsync(newsroom.Samira, new ListReaderComments.Query()));
        await newsroom.SendAsync(newsroom.Samira, new ModerateReaderComment.Command(held.Id, ReaderCommentStatus.Approved));
        var after = await App.SendAsync(null, new ListApprovedComments.Query(id));

        Assert.True(posted.Held);
        Assert.Empty(before);
        Assert.Equal(("Mona", "mona@example.org"), (held.AuthorName, held.Email));
        var shown = Assert.Single(after);
        Assert.Equal(("Mona", "Thank you for this."), (shown.AuthorName, shown.Body));
        Assert.DoesNotContain(typeof(ListApprovedComments.ShownComment).GetProperties(), p => p.Name.Contains("Email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spam_and_trash_stay_hidden_and_a_reporter_cannot_moderate()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.PublishedAsync(new CreateStory.Command("fire", "en", "Local", "Fire"));
        await App.SendAsync(null, new PostReaderComment.Command("fire", "Bot", "bot@example.org", "Cheap pills"));
        await App.SendAsync(null, new PostReaderComment.Command("fire", "Troll", "troll@example.org", "Rude"));
        var held = await newsroom.SendAsync(newsroom.Samira, new ListReaderComments.Query());

        await newsroom.SendAsync(newsroom.Samira, new ModerateReaderComment.Command(held[0].Id, ReaderCommentStatus.Spam));
        await newsroom.SendAsync(newsroom.Samira, new ModerateReaderComment.Command(held[1].Id, ReaderCommentStatus.Trash));
        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Tom, new ModerateReaderComment.Command(held[0].Id, ReaderCommentStatus.Approved)));
        var backToHeld = await Assert.ThrowsAsync<ValidationException>(() =>
            newsroom.SendAsync(newsroom.Samira, new ModerateReaderComment.Command(held[0].Id, ReaderCommentStatus.Held)));

        Assert.Empty(await App.SendAsync(null, new ListApprovedComments.Query(id)));
        Assert.Equal("Bot", Assert.Single(await newsroom.SendAsync(newsroom.Samira, new ListReaderComments.Query(ReaderCommentStatus.Spam))).AuthorName);
        Assert.Contains("[Editor | Admin]", refusal.Refusal.ToString(), StringComparison.Ordinal);
        Assert.Equal("Moderate with Approved, Spam or Trash.", Assert.Single(backToHeld.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Name_email_and_text_are_required_and_a_refused_comment_keeps_nothing()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.PublishedAsync(new CreateStory.Command("fire", "en", "Local", "Fire"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(null, new PostReaderComment.Command("fire", " ", "not-an-email", "")));

        Assert.Equal(
            [("Body", "Write a comment."), ("Email", "Enter an email address like name@example.org."), ("Name", "Your name is required.")],
            refused.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Order());
        await using var db = App.Database.CreateContext();
        Assert.Empty(db.ReaderComments);
    }

    [Fact]
    public async Task The_honeypot_keeps_nothing_and_drafts_take_no_comments()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.PublishedAsync(new CreateStory.Command("fire", "en", "Local", "Fire"));
        var draft = await newsroom.SendAsync(newsroom.Tom, new CreateStory.Command("draft", "en", "Local", "Draft"));

        var bot = await App.SendAsync(null, new PostReaderComment.Command("fire", "Bot", "bot@example.org", "Buy now", Website: "https://spam.example"));
        Assert.Equal(RefusalKind.NotFound, (await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new PostReaderComment.Command("draft", "Mona", "mona@example.org", "Early!")))).Refusal.Kind);

        Assert.True(bot.Held);
        await using var db = App.Database.CreateContext();
        Assert.Empty(await db.ReaderComments.ToListAsync());
        Assert.NotEqual(Guid.Empty, draft.StoryId);
    }
}

using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Tests.Features.Suggestions;

/// <summary>A suggestion's note, added or changed by its author after the fact, kept like the suggestion itself.</summary>
public sealed class SetSuggestionNoteTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task The_author_notes_a_suggestion_others_may_not_a_long_note_is_refused_and_the_note_survives_a_restart_and_a_compaction()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = (await newsroom.SendAsync(newsroom.Layla, new CreateStory.Command("noted", "en", "City", "Council", Body: "The council met."))).StoryId;
        await newsroom.SendAsync(newsroom.Layla, new SubmitForReview.Command(id));
        var made = await newsroom.SendAsync(newsroom.Samira, new SuggestChange.Command(id, LiveFields.Body, 15, 15, " tonight", null));
        var suggestionId = Assert.Single(made.SuggestionIds);

        await newsroom.SendAsync(newsroom.Samira, new SetSuggestionNote.Command(id, suggestionId, "  Per the minutes. "));
        var notByLayla = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Layla, new SetSuggestionNote.Command(id, suggestionId, "Mine now")));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => newsroom.SendAsync(newsroom.Samira, new SetSuggestionNote.Command(id, suggestionId, new string('x', PushLimits.MaxNoteLength + 1))));
        var notOpen = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira, new SetSuggestionNote.Command(id, "body-99.0", "Gone")));

        Assert.Equal(("suggestion.note.not-author(Samira Nasser)", RefusalKind.Forbidden), (notByLayla.Refusal.ToString(), notByLayla.Refusal.Kind));
        Assert.Equal("Note", Assert.Single(tooLong.Errors).PropertyName);
        Assert.Equal("suggestion.not-open", notOpen.Refusal.Code);
        Assert.Equal("Per the minutes.", await NoteAsync(newsroom, id));

        // The live core forgets the text, as a restarted app would, after the log behind a new checkpoint is dropped.
        var live = App.Services.GetRequiredService<LiveTexts>();
        var sessions = App.Services.GetRequiredService<TextSessions>();
        var session = sessions.Find(id, LiveFields.Body)!;
        await live.MarkSavedAsync(id, LiveFields.Body, session.Version, CancellationToken.None);
        Assert.True(await App.Services.GetRequiredService<LogCompaction>().CompactAsync(session, keep: 0, CancellationToken.None));
        Assert.True(sessions.TryForget(session, TimeSpan.Zero));
        await using (var db = App.Database.CreateContext())
        {
            Assert.Contains("Per the minutes.", (await db.LiveTexts.SingleAsync(t => t.StoryId == id && t.Field == LiveFields.Body)).Tracked, StringComparison.Ordinal);
        }

        Assert.Equal("Per the minutes.", await NoteAsync(newsroom, id));

        // Cleared by a blank note; every attempt is audited, refused or not.
        await newsroom.SendAsync(newsroom.Samira, new SetSuggestionNote.Command(id, suggestionId, " "));
        Assert.Null(await NoteAsync(newsroom, id));
        await using var audit = App.Database.CreateContext();
        var outcomes = await audit.AuditLog.Where(a => a.StoryId == id && a.Command == "SetSuggestionNote").OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync();
        Assert.Equal([AuditOutcome.Succeeded, AuditOutcome.Refused, AuditOutcome.Invalid, AuditOutcome.Refused, AuditOutcome.Succeeded], outcomes);
    }

    private static async Task<string?> NoteAsync(Staff newsroom, Guid id) =>
        Assert.Single(await newsroom.SendAsync(newsroom.Layla, new ListSuggestions.Query(id))).Note;
}

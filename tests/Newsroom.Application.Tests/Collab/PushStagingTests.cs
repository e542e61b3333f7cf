using Newsroom.Application.Collab;
using Newsroom.Domain;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Tests.Collab;

/// <summary>Staging a batch of pushes against a text in memory: no database, no host.</summary>
public sealed class PushStagingTests
{
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Bo = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_pushes_made_at_one_version_go_in_one_after_the_other_the_second_rebased_over_the_first()
    {
        var session = Session("ab");
        var first = Push(0, Ana, Insert("ab", 1, "X", "ana"));
        var second = Push(0, Bo, Insert("ab", 2, "Y", "bo"));

        var staged = PushStaging.Stage(session, [first, second], Now);

        Assert.Equal([0, 1], staged.Select(s => s.At));
        Assert.Equal("aXbY", session.Text.ToString());
        Assert.Equal(4, Assert.Single(staged[1].Rebased).Changes.NewLength);
        Assert.False(first.Done.Task.IsCompleted);
    }

    [Fact]
    public void A_push_behind_the_text_is_rebased_over_every_update_committed_since_its_version()
    {
        var session = Session("ab");
        Commit(session, Ana, Insert("ab", 0, "1", "ana-1"));
        Commit(session, Ana, Insert("1ab", 3, "2", "ana-2"));

        var staged = PushStaging.Stage(session, [Push(0, Bo, Insert("ab", 1, "Y", "bo"))], Now);

        Assert.Equal(2, Assert.Single(staged).At);
        Assert.Equal("1aYb2", session.Text.ToString());
    }

    [Fact]
    public void A_refused_push_fails_alone_and_leaves_the_text_to_the_others()
    {
        var session = Session("ab");
        var wrongLength = Push(0, Ana, Insert("abc", 0, "X", "ana"));
        var fine = Push(0, Bo, Insert("ab", 0, "Y", "bo"));

        var staged = PushStaging.Stage(session, [wrongLength, fine], Now);

        Assert.Equal("push.length-mismatch", Refused(wrongLength).Code);
        Assert.Same(fine, Assert.Single(staged).Push);
        Assert.Equal("Yab", session.Text.ToString());
    }

    [Fact]
    public void A_client_id_someone_else_used_is_refused()
    {
        var session = Session("ab");
        Commit(session, Ana, Insert("ab", 0, "1", "shared"));
        var stolen = Push(1, Bo, Insert("1ab", 0, "2", "shared"));
        var sameBatch = Push(1, Ana, Insert("1ab", 0, "3", "ana-2"));
        var takenInBatch = Push(1, Bo, Insert("1ab", 0, "4", "ana-2"));

        var staged = PushStaging.Stage(session, [stolen, sameBatch, takenInBatch], Now);

        Assert.Equal(("push.client-id-taken", "shared"), (Refused(stolen).Code, Refused(stolen).Args[0]));
        Assert.Equal("push.client-id-taken", Refused(takenInBatch).Code);
        Assert.Same(sameBatch, Assert.Single(staged).Push);
    }

    [Fact]
    public void A_version_the_text_has_not_reached_is_refused()
    {
        var session = Session("ab");
        var ahead = Push(3, Ana, Insert("ab", 0, "X", "ana"));

        Assert.Empty(PushStaging.Stage(session, [ahead], Now));
        Assert.Equal(("push.version-ahead", 3, 0), (Refused(ahead).Code, Refused(ahead).Args[0], Refused(ahead).Args[1]));
    }

    [Fact]
    public async Task A_push_sent_again_after_a_lost_acknowledgement_completes_at_once_with_nothing_to_commit()
    {
        var session = Session("ab");
        var update = Insert("ab", 0, "X", "ana");
        Commit(session, Ana, update);
        var again = Push(0, Ana, update);

        Assert.Empty(PushStaging.Stage(session, [again], Now));
        Assert.True(again.Done.Task.IsCompleted);
        Assert.Equal(1, await again.Done.Task);
        Assert.Equal("Xab", session.Text.ToString());
    }

    [Fact]
    public void A_push_making_the_field_longer_than_allowed_is_refused()
    {
        var session = Session("ab");
        var tooLong = Push(0, Ana, Insert("ab", 2, "cd", "ana"), maxLength: 3);

        Assert.Empty(PushStaging.Stage(session, [tooLong], Now));
        Assert.Equal("push.too-long", Refused(tooLong).Code);
        Assert.Equal("ab", session.Text.ToString());
    }

    [Fact]
    public void A_batch_that_loses_its_race_is_taken_back_whole()
    {
        var session = Session("ab");

        PushStaging.Stage(session, [Push(0, Ana, Insert("ab", 0, "X", "ana")), Push(0, Bo, Insert("ab", 2, "Y", "bo"))], Now);
        session.UndoStaged();

        Assert.Equal("ab", session.Text.ToString());
        Assert.Equal(0, session.Version);
    }

    [Fact]
    public void The_server_names_times_and_attributes_every_update_whatever_the_client_says()
    {
        var session = Session("ab");
        var claimed = new Update("ana", ChangeSet.Replace(2, 2, 2, "c"), new Tracking("forged", Bo.ToString("D"), DateTimeOffset.UnixEpoch));

        var staged = PushStaging.Stage(session, [Push(0, Ana, claimed), Push(0, Bo, Insert("ab", 0, "Y", "bo"))], Now);

        Assert.Equal(
            [new Tracking("body-1", Ana.ToString("D"), Now), new Tracking("body-2", Bo.ToString("D"), Now)],
            staged.SelectMany(s => s.Rebased).Select(u => u.Tracking));
        Assert.Equal([new Run<string>(1, Bo.ToString("D")), new Run<string>(2, ""), new Run<string>(1, Ana.ToString("D"))], session.Tracked.Authorship.Runs);
    }

    [Fact]
    public void A_suggestion_behind_the_text_is_rebased_with_its_marked_deletion_and_lands_on_the_same_letters()
    {
        var session = Session("the big deal");
        var client = new TrackedText("the big deal", "");
        var suggestion = client.Suggest("bo", "local", Bo.ToString("D"), Now, 4, 7, "small", "too loud");
        Commit(session, Ana, Insert("the big deal", 0, "So, ", "ana"));

        var staged = PushStaging.Stage(session, [Push(0, Bo, suggestion)], Now);

        var tracking = Assert.Single(Assert.Single(staged).Rebased).Tracking!;
        Assert.Equal((true, "too loud", "body-2"), (tracking.Suggest, tracking.Note, tracking.UpdateId));
        var text = session.Text.ToString();
        Assert.Equal("So, the smallbig deal", text);
        Assert.Equal(
            [(SuggestionKind.Insertion, "small", "body-2.0"), (SuggestionKind.Deletion, "big", "body-2.1")],
            session.Tracked.Suggestions.Select(s => (s.Kind, text[s.Range.From..s.Range.To], s.Id)));
    }

    [Fact]
    public void A_suggestion_may_remove_only_its_authors_own_suggested_text_and_mark_only_inside_the_text()
    {
        var session = Session("ab");
        var ownFirst = new TrackedText("ab", "");
        var own = ownFirst.Suggest("bo", "b-1", Bo.ToString("D"), Now, 2, 2, "XY");
        PushStaging.Stage(session, [Push(0, Bo, own)], Now);
        session.KeepStaged();
        session.Accept([own], "Bo", Now, Bo);

        var deletesAnas = Push(1, Bo, new Update("bo", ChangeSet.Replace(4, 0, 1, ""), new Tracking("", "", default, Suggest: true)));
        var outside = Push(1, Bo, new Update("bo", ChangeSet.Empty(4), new Tracking("", "", default, Suggest: true, Deletions: [new TextRange(3, 5)])));
        var unsorted = Push(1, Bo, new Update("bo", ChangeSet.Empty(4), new Tracking("", "", default, Suggest: true, Deletions: [new TextRange(2, 3), new TextRange(0, 1)])));
        var removesOwn = Push(1, Bo, new Update("bo", ChangeSet.Replace(4, 2, 3, ""), new Tracking("", "", default, Suggest: true)));
        var anaRemovesBos = Push(1, Ana, new Update("ana", ChangeSet.Replace(4, 3, 4, ""), new Tracking("", "", default, Suggest: true)));

        var staged = PushStaging.Stage(session, [deletesAnas, outside, unsorted, removesOwn, anaRemovesBos], Now);

        Assert.Equal(("push.suggestion-deletes-text", 0), (Refused(deletesAnas).Code, Refused(deletesAnas).Args[0]));
        Assert.Equal("push.suggestion-range", Refused(outside).Code);
        Assert.Equal("push.suggestion-range", Refused(unsorted).Code);
        Assert.Equal("push.suggestion-deletes-text", Refused(anaRemovesBos).Code);
        Assert.Same(removesOwn, Assert.Single(staged).Push);
        Assert.Equal("abY", session.Text.ToString());
    }

    [Fact]
    public void A_story_taking_only_suggestions_makes_typing_one_and_refuses_deleting_outside_suggest_mode()
    {
        var session = Session("ab");
        var typed = Push(0, Ana, Insert("ab", 2, "c", "ana")) with { SuggestOnly = true };
        var deleted = Push(0, Ana, new Update("ana-2", ChangeSet.Replace(2, 0, 1, ""))) with { SuggestOnly = true };

        var staged = PushStaging.Stage(session, [typed, deleted], Now);

        Assert.True(Assert.Single(Assert.Single(staged).Rebased).Tracking!.Suggest);
        Assert.Equal("push.suggest-only", Refused(deleted).Code);
        Assert.Equal((SuggestionKind.Insertion, Ana.ToString("D")), (Assert.Single(session.Tracked.Suggestions).Kind, session.Tracked.Suggestions[0].AuthorId));
    }

    [Fact]
    public void A_push_refused_after_its_first_updates_were_applied_takes_them_back_and_the_rest_of_the_batch_goes_in()
    {
        var session = Session("ab");
        var typedThenDeleted = new PendingPush(0, [Insert("ab", 2, "c", "ana"), new Update("ana", ChangeSet.Replace(3, 0, 1, ""), new Tracking("", "", default, Suggest: true))], Ana, "Ana", 1_000);
        var fine = Push(0, Bo, Insert("ab", 0, "Y", "bo"));

        var staged = PushStaging.Stage(session, [typedThenDeleted, fine], Now);

        Assert.Equal("push.suggestion-deletes-text", Refused(typedThenDeleted).Code);
        Assert.Equal(("Yab", 0), (session.Text.ToString(), Assert.Single(staged).At));
        Assert.Equal([new Run<string>(1, Bo.ToString("D")), new Run<string>(2, "")], session.Tracked.Authorship.Runs);
    }

    [Fact]
    public void A_decision_is_made_on_the_text_as_its_turn_leaves_it_and_a_second_on_the_same_suggestion_is_refused()
    {
        var session = Session("ab");
        var suggestion = new TrackedText("ab", "").Suggest("bo", "b", Bo.ToString("D"), Now, 1, 1, "X");
        PushStaging.Stage(session, [Push(0, Bo, suggestion)], Now);
        session.KeepStaged();
        session.Accept([suggestion], "Bo", Now, Bo);
        var id = Assert.Single(session.Tracked.Suggestions).Id;
        var reject = Decide(id, accept: false);
        var accept = Decide(id, accept: true);

        var staged = PushStaging.Stage(session, [reject, accept], Now);

        Assert.Equal(new Decision(id, false), Assert.Single(Assert.Single(staged).Rebased).Tracking!.Decision);
        Assert.Equal(("suggestion.not-open", id), (Refused(accept).Code, Refused(accept).Args[0]));
        Assert.Equal("ab", session.Text.ToString());
        Assert.Empty(session.Tracked.Suggestions);
    }

    [Fact]
    public void A_batch_that_loses_its_race_takes_back_its_suggestions_and_authorship_too()
    {
        var session = Session("ab");
        var suggestion = new TrackedText("ab", "").Suggest("bo", "b", Bo.ToString("D"), Now, 1, 2, "X");

        PushStaging.Stage(session, [Push(0, Bo, suggestion), Push(0, Ana, Insert("ab", 0, "Y", "ana"))], Now);
        Assert.Equal(2, session.Tracked.Suggestions.Count);
        session.UndoStaged();

        Assert.Empty(session.Tracked.Suggestions);
        Assert.Equal([new Run<string>(2, "")], session.Tracked.Authorship.Runs);
    }

    private static PendingPush Decide(string suggestionId, bool accept) =>
        new(0, [], Ana, "Ana", 1_000) { MadeOnTurn = ServerEdits.Decision(suggestionId, accept, Ana) };

    private static TextSession Session(string text) => new(Guid.NewGuid(), LiveFields.Body, 0, text);

    private static Update Insert(string doc, int at, string text, string clientId) =>
        new(clientId, ChangeSet.Replace(doc.Length, at, at, text));

    private static PendingPush Push(int version, Guid user, Update update, int maxLength = 1_000) =>
        new(version, [update], user, user == Ana ? "Ana" : "Bo", maxLength);

    private static void Commit(TextSession session, Guid user, Update update)
    {
        var tracked = update with { Tracking = new Tracking(UpdateTracking.IdOf(session.Field, session.Version + 1), user.ToString("D"), Now) };
        session.Apply(tracked);
        session.Accept([tracked], "someone", Now, user);
    }

    private static Refusal Refused(PendingPush push) =>
        Assert.IsType<RefusedException>(push.Done.Task.Exception?.InnerException).Refusal;
}

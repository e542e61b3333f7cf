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

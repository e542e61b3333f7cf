using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

public sealed class AuthorshipTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static void Edit(TrackedText text, string author, int from, int to, string insert) =>
        text.Apply(TrackedText.Edit(author, author + text.Text.Length, author, Noon, ChangeSet.Replace(text.Text.Length, from, to, insert)));

    [Fact]
    public void Every_code_unit_is_attributed_to_the_author_of_the_update_that_inserted_it_as_runs()
    {
        var text = new TrackedText("hello world", "rana");
        Edit(text, "omar", 5, 5, " big");

        Assert.Equal([new Run<string>(5, "rana"), new Run<string>(4, "omar"), new Run<string>(6, "rana")], text.Authorship.Runs);
    }

    [Fact]
    public void Deleted_text_takes_its_authorship_with_it_and_runs_stay_compact()
    {
        var text = new TrackedText("hello world", "rana");
        Edit(text, "omar", 5, 5, " big");
        Edit(text, "lina", 4, 10, "");

        Assert.Equal("hellworld", text.Text);
        Assert.Equal([new Run<string>(9, "rana")], text.Authorship.Runs);
    }

    [Fact]
    public void A_replacement_belongs_to_whoever_typed_it()
    {
        var text = new TrackedText("abc", "rana");
        Edit(text, "omar", 1, 2, "XYZ");

        Assert.Equal(["rana", "omar", "omar", "omar", "rana"], text.Authorship.ToValues());
    }

    [Fact]
    public void Suggested_text_is_attributed_to_its_suggester_and_stays_theirs_once_accepted()
    {
        var text = new TrackedText("ab", "rana");
        text.Apply(text.Suggest("omar", "o-1", "omar", Noon, 1, 1, "xy"));
        text.Apply(text.Decide("rana", "r-1", "rana", Noon, text.Suggestions.Single().Id, accept: true)!);

        Assert.Equal(["rana", "omar", "omar", "rana"], text.Authorship.ToValues());
    }

    [Fact]
    public void Words_by_person_count_each_word_for_whoever_wrote_most_of_it_in_arabic_too()
    {
        var text = new TrackedText("قال الوزير ", "rana");
        Edit(text, "omar", 11, 11, "إن الاتفاق وُقّع");
        Edit(text, "omar", 3, 3, "ت"); // one letter in Rana's word leaves it hers

        var words = text.WordsByPerson();
        Assert.Equal(2, words["rana"]);
        Assert.Equal(3, words["omar"]);
    }

    [Fact]
    public void Concurrent_typing_is_attributed_alike_on_the_server_and_on_the_client()
    {
        var start = new TrackedText("abcd", "rana");
        var omar = TrackedText.Edit("omar", "o-1", "omar", Noon, ChangeSet.Replace(4, 2, 2, "OO"));
        var lina = TrackedText.Edit("lina", "l-1", "lina", Noon, ChangeSet.Replace(4, 2, 2, "LL"));

        // The server takes Omar's first; Lina's is rebased over it, as the live core does.
        var log = new List<Update> { omar };
        log.AddRange(Rebase.RebaseOneByOne([lina], [omar]));
        var server = start.Clone();
        log.ForEach(server.Apply);

        // Lina's page: her unconfirmed edit, then both confirmed in log order.
        var received = Rebase.ReceiveOneByOne([lina], log);
        var linaConfirmed = start.Clone();
        log.ForEach(linaConfirmed.Apply);

        Assert.Empty(received.Unconfirmed);
        Assert.Equal(received.Changes!.Apply(lina.Changes.Apply("abcd")), server.Text);
        Assert.Equal(server.Authorship.Runs, linaConfirmed.Authorship.Runs);
        var expected = server.Text.Select(c => c switch { 'O' => "omar", 'L' => "lina", _ => "rana" });
        Assert.Equal(expected, server.Authorship.ToValues());
        Assert.Equal(4, server.Authorship.Runs.Count);
    }
}

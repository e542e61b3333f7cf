using Newsroom.Domain.Stories;

namespace Newsroom.Domain.Tests;

/// <summary>A message keeps its arguments' types in its stored JSON, and its code form reads back as it was written.</summary>
public sealed class MessageTests
{
    private static readonly string[] EditorOrAdmin = ["Editor", "Admin"];
    private static readonly DateTimeOffset Embargo = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Every_kind_of_argument_keeps_its_type_through_the_stored_JSON()
    {
        var nested = Message.Of("revision.back-to-review", Message.Of("revision.scheduled", "Samira", Embargo));
        var others = Message.Of("x.y", 3, StoryState.InReview, new NameList(["Layla", "عمر"]), EditorOrAdmin, "a, b");

        var back = MessageJson.Deserialize(MessageJson.Serialize(others));

        Assert.Equal(nested.ToString(), MessageJson.Deserialize(MessageJson.Serialize(nested)).ToString());
        Assert.Equal(Embargo, ((Message)MessageJson.Deserialize(MessageJson.Serialize(nested)).Args[0]).Args[1]);
        Assert.Equal(others.ToString(), back.ToString());
        Assert.Equal([typeof(int), typeof(StoryState), typeof(NameList), typeof(string[]), typeof(string)], back.Args.Select(a => a.GetType()));
        Assert.Equal(new NameList(["Layla", "عمر"]), back.Args[2]);
    }

    [Fact]
    public void A_refusal_in_code_form_reads_back_with_its_count_state_and_roles()
    {
        var refusal = Refusal.Forbidden("not-allowed.role", "Approve", EditorOrAdmin, "Tom Reed");

        var parsed = Message.Parse(refusal.ToString());

        Assert.Equal("not-allowed.role(Approve, [Editor | Admin], Tom Reed)", refusal.ToString());
        Assert.Equal(refusal.Message.ToString(), parsed?.ToString());
        Assert.Equal(EditorOrAdmin, Assert.IsType<string[]>(parsed?.Args[1]));
        Assert.Equal(2, Message.Parse("workflow.publish.unresolved-comments(2)")?.Args[0]);
        Assert.Equal(StoryState.Draft, Message.Parse("workflow.approve.state(Draft)")?.Args[0]);
        Assert.Empty(Message.Parse("workflow.publish.legal-hold")!.Args);
    }

    [Theory]
    [InlineData("Court order pending")]
    [InlineData("Injunction served at 10:40")]
    [InlineData("'Headline' must not be empty.")]
    [InlineData("")]
    public void Text_a_person_wrote_is_not_a_code(string text)
    {
        Assert.Null(Message.Parse(text));
    }
}

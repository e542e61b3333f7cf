using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>Clients of one text that join at the same version share every version after it, made once.</summary>
public sealed class TextVersionsTests
{
    [Fact]
    public void Clients_joining_at_the_newest_version_share_the_versions_that_follow()
    {
        var chain = new TextVersions();
        var first = chain.Start(3, "abc");
        var second = chain.Start(3, "abc");
        Assert.Same(first, second);

        var typed = new Update("someone", ChangeSet.Replace(3, 1, 1, "ب"));
        var next = first.Next(typed);
        Assert.Same(next, second.Next(typed));
        Assert.Equal((4, "aبbc"), (next.Number, next.Text.ToString()));

        // One joining at the version the chain has reached shares it; one joining elsewhere starts its own.
        Assert.Same(next, chain.Start(4, "aبbc"));
        var apart = chain.Start(9, "xyz");
        Assert.NotSame(next, apart);
        Assert.Equal("abc", first.Text.ToString());
    }

    [Fact]
    public void A_client_alone_makes_its_own_versions()
    {
        var typed = new Update("someone", ChangeSet.Replace(3, 3, 3, "!"));
        var one = TextVersion.Alone(0, "abc");
        var other = TextVersion.Alone(0, "abc");
        Assert.NotSame(one.Next(typed), other.Next(typed));
        Assert.Equal(one.Next(typed).Text.ToString(), other.Next(typed).Text.ToString());
    }
}

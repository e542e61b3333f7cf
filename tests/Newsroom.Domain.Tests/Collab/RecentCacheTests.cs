using Newsroom.Testing;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>The load tool's shared parses: a key finds its own value or nothing, never another key's.</summary>
public sealed class RecentCacheTests
{
    [Fact]
    public void A_key_finds_the_value_set_for_it()
    {
        var cache = new RecentCache<(ulong, int), string>(slots: 8);
        cache.Set((1, 2), "one-two");

        Assert.True(cache.TryGetValue((1, 2), out var value));
        Assert.Equal("one-two", value);
        Assert.False(cache.TryGetValue((1, 3), out _));
    }

    [Fact]
    public void A_key_pushed_out_of_its_slot_by_another_is_a_miss_not_the_other_value()
    {
        var cache = new RecentCache<int, string>(slots: 4);
        cache.Set(1, "one");
        cache.Set(5, "five");

        Assert.False(cache.TryGetValue(1, out _));
        Assert.Equal("five", cache.GetOrAdd(5, () => throw new InvalidOperationException("5 is held")));
        Assert.Equal("one", cache.GetOrAdd(1, () => "one"));
        Assert.False(cache.TryGetValue(5, out _));
    }
}

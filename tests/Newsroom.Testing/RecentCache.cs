using System.Diagnostics.CodeAnalysis;

namespace Newsroom.Testing;

/// <summary>
/// The most recent values by key, for the load tool's hundreds of clients that share what they parse: one slot per
/// key's hash, the newest value taking it, read and written without locks. (A <c>ConcurrentDictionary</c> trimmed by
/// its <c>Count</c> and <c>Clear</c> takes every one of its locks each time: at 1,000 editors that contention was an
/// eighth of the generator's samples, ADR-030.) A value pushed out early only costs a parse again.
/// </summary>
public sealed class RecentCache<TKey, TValue>(int slots = 4096)
    where TKey : IEquatable<TKey>
{
    private readonly Entry?[] _slots = new Entry?[slots];

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (Volatile.Read(ref _slots[SlotOf(key)]) is { } entry && entry.Key.Equals(key))
        {
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    public void Set(TKey key, TValue value) => Volatile.Write(ref _slots[SlotOf(key)], new Entry(key, value));

    public TValue GetOrAdd(TKey key, Func<TValue> make)
    {
        if (TryGetValue(key, out var value))
        {
            return value;
        }

        value = make();
        Set(key, value);
        return value;
    }

    private int SlotOf(TKey key) => (int)((uint)key.GetHashCode() % (uint)_slots.Length);

    private sealed record Entry(TKey Key, TValue Value);
}

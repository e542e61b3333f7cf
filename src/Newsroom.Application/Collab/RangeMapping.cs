using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>Where a comment's range is after updates typed since it was made.</summary>
public static class RangeMapping
{
    /// <summary>
    /// The start sticks to the text after it and the end to the text before it, so typing at the edges does not widen
    /// a comment's range.
    /// </summary>
    public static (int From, int To) Map(IEnumerable<Update> since, int from, int to)
    {
        foreach (var update in since)
        {
            from = update.Changes.MapPos(from, assoc: 1) ?? from;
            to = Math.Max(from, update.Changes.MapPos(to, assoc: -1) ?? to);
        }

        return (from, to);
    }
}

namespace Newsroom.Domain.Dashboard;

/// <summary>The banner across the board and every wall screen while a big story breaks. One is up at a time.</summary>
public sealed class BreakingNews
{
    public const int MaxTextLength = 200;

    private BreakingNews()
    {
    }

    public Guid Id { get; private set; }
    public string Text { get; private set; } = "";
    public Guid RaisedBy { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public Guid? ClearedBy { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }

    public bool IsUp => ClearedAt is null;

    public static BreakingNews Raise(string text, Guid by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RefusedException(Refusal.Conflict("breaking-news.needs-text"));
        }

        return new BreakingNews { Id = Guid.CreateVersion7(now), Text = text.Trim(), RaisedBy = by, RaisedAt = now };
    }

    public void Clear(Guid by, DateTimeOffset now)
    {
        if (ClearedAt is not null)
        {
            return;
        }

        ClearedBy = by;
        ClearedAt = now;
    }
}

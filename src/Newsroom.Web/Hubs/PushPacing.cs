namespace Newsroom.Web.Hubs;

/// <summary>
/// Back-pressure for the live editor (docs/protocol.md, ADR-015): a push that took longer than
/// <c>Hubs:PushPacingAfterMs</c> (150) to be committed means its text's commits are queuing, so the answer asks the
/// client to wait for as long as it took beyond that (at most <see cref="MaxPauseMs"/>) before its next push. Fewer,
/// larger pushes then reach a busy text, and latency grows smoothly instead of the queue growing without end; the
/// pause shrinks as it drains. The pause starts from nothing at the threshold: asking for the whole time a push took
/// turned a push that was slow once, on a busy machine, into a pause of at least 150 ms on top (ADR-030).
/// </summary>
public sealed class PushPacing(IConfiguration configuration)
{
    public const int MaxPauseMs = 2_000;

    private readonly TimeSpan _after = TimeSpan.FromMilliseconds(configuration.GetValue("Hubs:PushPacingAfterMs", 150));

    /// <summary>How long the client should wait before its next push, given how long this one took; 0 for no wait.</summary>
    public int PauseAfter(TimeSpan took) =>
        took <= _after ? 0 : (int)Math.Min(MaxPauseMs, Math.Ceiling((took - _after).TotalMilliseconds));
}

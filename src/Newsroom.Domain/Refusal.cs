namespace Newsroom.Domain;

/// <summary>
/// A "no" with its reasons kept as data: what kind it is, a stable code ("workflow.publish.unresolved-comments") and the
/// arguments its sentence needs (a count, a story state, a name). Domain and Application raise it; the edge renders it
/// in the reader's language from the code's template (<c>UiText</c> resources), so no sentence is ever a key and no
/// code ever tests a message's wording.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, IReadOnlyList<object> Args)
{
    public static Refusal Invalid(string code, params object[] args) => new(RefusalKind.Invalid, code, args);

    public static Refusal Forbidden(string code, params object[] args) => new(RefusalKind.Forbidden, code, args);

    public static Refusal NotFound(string code, params object[] args) => new(RefusalKind.NotFound, code, args);

    public static Refusal Conflict(string code, params object[] args) => new(RefusalKind.Conflict, code, args);

    public static Refusal Unavailable(string code, params object[] args) => new(RefusalKind.Unavailable, code, args);

    /// <summary>The code and its arguments, for logs and test failures; never shown to a person.</summary>
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args.Select(Written))})";

    // Written as a message writes its arguments, so the audit log's code form reads back the same (Message.Parse).
    private static object Written(object argument) => Message.Written(argument);

    /// <summary>What the refusal says, without its kind: rendered at the edge like any other <see cref="Domain.Message"/>.</summary>
    public Message Message => new(Code, Args);
}

/// <summary>The one exception that carries a <see cref="Refusal"/> out of Domain and Application.</summary>
public sealed class RefusedException(Refusal refusal) : Exception(refusal.ToString())
{
    public Refusal Refusal { get; } = refusal;
}

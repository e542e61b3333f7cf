namespace Newsroom.Domain;

/// <summary>
/// What kind of "no" a refusal is, wherever it is shown: the API's status code, the audit outcome, the log level, and
/// whether a hub or a page passes its message on. A stale save is a <see cref="Conflict"/> everywhere.
/// </summary>
public enum RefusalKind
{
    /// <summary>The request itself is wrong (a field, a malformed push): 400.</summary>
    Invalid,

    /// <summary>This person may not do this: 403.</summary>
    Forbidden,

    /// <summary>There is no such thing, or not for this person: 404.</summary>
    NotFound,

    /// <summary>The story's state (or someone else's save) does not allow it now: 409.</summary>
    Conflict,

    /// <summary>
    /// Nothing is wrong with the request, but it cannot be done right now (the database is unreachable); nothing was
    /// lost and the same request will succeed later: 503.
    /// </summary>
    Unavailable,
}

namespace Newsroom.Domain.Collab;

/// <summary>
/// A text a change set is applied to in place (<see cref="ChangeSet.ApplyTo"/>): the server's gap buffer, and the
/// test clients' versions of a shared text.
/// </summary>
public interface IEditableText
{
    int Length { get; }

    /// <summary>Replaces <c>[from, to)</c> with <paramref name="insert"/>.</summary>
    void Replace(int from, int to, ReadOnlySpan<char> insert);
}

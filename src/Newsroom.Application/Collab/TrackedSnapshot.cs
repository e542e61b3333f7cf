using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// A live text at <see cref="Version"/> with its suggestions and authorship: <see cref="Tracked"/> is a replica of its
/// own, which the caller may read or apply updates to freely. <see cref="People"/> names every author id it holds.
/// </summary>
public sealed record TrackedSnapshot(int Version, string Text, TrackedText Tracked, IReadOnlyDictionary<string, string> People);

namespace Newsroom.Domain.Users;

/// <summary>The three newsroom roles. Names are stored in the identity tables, so they never change.</summary>
public static class Roles
{
    public const string Reporter = "Reporter";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Reporter, Editor, Admin];
}

namespace Newsroom.Domain.Users;

/// <summary>The three newsroom roles. Names are stored in the identity tables, so they never change.</summary>
public static class Roles
{
    public const string Reporter = "Reporter";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    /// <summary>The newsroom's own background work (publishing at the embargo). No account can hold it.</summary>
    public const string System = "System";

    /// <summary>The roles an account can hold.</summary>
    public static IReadOnlyList<string> All { get; } = [Reporter, Editor, Admin];
}

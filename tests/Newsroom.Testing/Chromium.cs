namespace Newsroom.Testing;

/// <summary>The browser the tests and the load tool drive: Debian's, never a downloaded one (ADR-035).</summary>
public static class Chromium
{
    /// <summary>
    /// Debian's build of Chromium's headless shell (package <c>chromium-headless-shell</c>): the same engine as
    /// <c>/usr/bin/chromium</c> without the desktop browser around it, which is what Playwright runs headless by default.
    /// </summary>
    public const string HeadlessShell = "/usr/bin/chromium-headless-shell";
}

using System.Runtime.Versioning;

// The app's own PostgreSQL and Debian's Chromium: these run on Linux, as CI does.
[assembly: SupportedOSPlatform("linux")]

using System.Runtime.Versioning;

// The tests start PostgreSQL with runuser and pg_ctl, and stop the app with a signal: they run on Linux, as CI does.
[assembly: SupportedOSPlatform("linux")]

using System.Runtime.Versioning;

// The tests start PostgreSQL with runuser and pg_ctl: they run on Linux, as CI does.
[assembly: SupportedOSPlatform("linux")]

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Newsroom.Application.Data;

/// <summary>
/// A PostgreSQL cluster of our own, made with the machine's <c>initdb</c> and run with <c>pg_ctl</c>: the app's
/// default when no connection string is configured, and the test suite's throwaway database.
/// </summary>
/// <remarks>
/// Layout under <see cref="Directory"/>: <c>cluster/</c> (the data directory, with <c>server.log</c>) and
/// <c>password</c> (the generated superuser password, readable by its owner only). PostgreSQL refuses to run as
/// root, so as root every server command goes through <c>runuser -u postgres --</c> and the cluster belongs to
/// postgres. It listens on 127.0.0.1 only, with password authentication and no Unix socket.
/// </remarks>
public sealed partial class LocalPostgresCluster : IAsyncDisposable
{
    public const string SuperUser = "newsroom";

    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private readonly bool _deleteOnDispose;
    private readonly ILogger _logger;
    private bool _stopped;

    private LocalPostgresCluster(
        string directory, string binDirectory, bool asPostgresUser, bool deleteOnDispose, ILogger logger)
    {
        Directory = directory;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        _deleteOnDispose = deleteOnDispose;
        _logger = logger;
    }

    public string Directory { get; }

    public int Port { get; private set; }

    private string ClusterDirectory => Path.Combine(Directory, "cluster");

    private string PasswordFile => Path.Combine(Directory, "password");

    /// <summary>The process that runs this cluster, so a second app on the same folder is refused rather than left without a database.</summary>
    private string OwnerFile => Path.Combine(Directory, "owner.pid");

    private string Password { get; set; } = "";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// A cluster that lives in a fresh temporary folder and is deleted on dispose: for tests, which trade crash safety
    /// for speed, and for load runs, which keep it (crashSafe) so the figures are a real server's.
    /// </summary>
    public static Task<LocalPostgresCluster> StartTemporaryAsync(ILogger logger, CancellationToken cancellationToken) =>
        StartTemporaryAsync(logger, crashSafe: false, cancellationToken);

    /// <inheritdoc cref="StartTemporaryAsync(ILogger, CancellationToken)"/>
    public static Task<LocalPostgresCluster> StartTemporaryAsync(ILogger logger, bool crashSafe, CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("newsroom-pg-").FullName;
        // Temp folders are made owner-only; as root the postgres user must be able to enter this one.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return StartAsync(directory, port: 0, logger, deleteOnDispose: true, crashSafe, cancellationToken);
    }

    /// <summary>Creates the cluster on first use, then starts it on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<LocalPostgresCluster> StartAsync(
        string directory, int port, ILogger logger, bool deleteOnDispose = false, bool crashSafe = true,
        CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var asPostgresUser = Environment.UserName == "root";
        directory = Path.GetFullPath(directory);
        if (asPostgresUser && !await PostgresCanReachAsync(directory, cancellationToken))
        {
            // A checkout under /root is not reachable by the postgres user; keep the cluster where it is.
            // /var/lib is root's alone, so nobody else can plant a cluster or settings where root will start them.
            var fallback = Path.Combine(
                "/var/lib/newsroom",
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..16]);
            LogFallbackDirectory(logger, directory, fallback);
            directory = fallback;
        }

        System.IO.Directory.CreateDirectory(directory);
        var cluster = new LocalPostgresCluster(directory, binDirectory, asPostgresUser, deleteOnDispose, logger);
        try
        {
            await cluster.InitializeAsync(temporary: deleteOnDispose && !crashSafe, cancellationToken);
            await cluster.StartServerAsync(port == 0 ? FreeLoopbackPort() : port, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken) =>
        EnsureDatabaseAsync(ConnectionString("postgres"), database, cancellationToken);

    /// <summary>Creates <paramref name="database"/> on the server <paramref name="serverConnectionString"/> reaches, unless it exists.</summary>
    public static async Task EnsureDatabaseAsync(
        string serverConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var name = new NpgsqlCommandBuilder().QuoteIdentifier(database);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server (fast: open sessions are cut) and starts it again on the same port.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await RunAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "fast", "-w"], cancellationToken);
        await StartServerAsync(Port, cancellationToken);
    }

    /// <summary>
    /// Stops the server as a crash would (immediate: sessions cut, no shutdown checkpoint, so the next start recovers
    /// from the write-ahead log). <see cref="StartAgainAsync"/> brings it back with the same options and port.
    /// </summary>
    public Task CrashAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "immediate", "-w"], cancellationToken);

    public Task StartAgainAsync(CancellationToken cancellationToken) => StartServerAsync(Port, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_stopped && File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")))
        {
            _stopped = true;
            try
            {
                await RunAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "fast", "-w"], CancellationToken.None);
                File.Delete(OwnerFile);
                LogStopped(_logger, ClusterDirectory);
            }
            catch (InvalidOperationException e)
            {
                LogStopFailed(_logger, e, ClusterDirectory);
            }
        }

        if (_deleteOnDispose)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; failing a test run over it is not.
            }
        }
    }

    private async Task InitializeAsync(bool temporary, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            if (!File.Exists(PasswordFile))
            {
                throw new InvalidOperationException(
                    $"The local database in {ClusterDirectory} exists but its password file {PasswordFile} is gone. " +
                    "Restore that file, or delete the folder to start again with an empty database.");
            }

            Password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();
            return;
        }

        if (System.IO.Directory.Exists(ClusterDirectory))
        {
            // No PG_VERSION: initdb never finished, so there is no data in it to keep.
            System.IO.Directory.Delete(ClusterDirectory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(ClusterDirectory);
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var passwordForInitdb = Path.Combine(Directory, "initdb-password");
        await WriteSecretAsync(passwordForInitdb, Password, cancellationToken);
        try
        {
            if (_asPostgresUser)
            {
                await RunPlainAsync("chown", ["-R", "postgres:postgres", ClusterDirectory, passwordForInitdb], cancellationToken);
            }

            await RunAsync("initdb",
            [
                "-D", ClusterDirectory, "-U", SuperUser, "--pwfile", passwordForInitdb,
                "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C.UTF-8",
            ], cancellationToken);
        }
        finally
        {
            File.Delete(passwordForInitdb);
        }

        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Set by Newsroom: loopback only, no Unix socket.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("max_connections = 200");
        if (temporary)
        {
            // A throwaway test cluster trades crash safety for speed; a real one never does.
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }

        await File.AppendAllTextAsync(
            Path.Combine(ClusterDirectory, "postgresql.conf"), settings.ToString(), cancellationToken);
        await WriteSecretAsync(PasswordFile, Password, cancellationToken);
    }

    private async Task StartServerAsync(int port, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")))
        {
            if (OwnerStillRunning() is { } owner)
            {
                throw new InvalidOperationException(
                    $"The local database in {ClusterDirectory} is in use by another Newsroom (process {owner}). " +
                    "Stop that one first, or give this one its own folder with LocalDatabase__Directory.");
            }

            // Left running by an app that was killed: stop it, so this run owns the port it picks.
            await RunAsync("pg_ctl", ["stop", "-D", ClusterDirectory, "-m", "fast", "-w"], cancellationToken,
                allowFailure: true);
        }

        Port = port;
        await RunAsync("pg_ctl",
        [
            "start", "-D", ClusterDirectory, "-w", "-t", "60",
            "-l", Path.Combine(ClusterDirectory, "server.log"), "-o", $"-p {port}",
        ], cancellationToken);
        await File.WriteAllTextAsync(OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        LogStarted(_logger, ClusterDirectory, port);
    }

    private int? OwnerStillRunning()
    {
        if (!File.Exists(OwnerFile)
            || !int.TryParse(File.ReadAllText(OwnerFile), CultureInfo.InvariantCulture, out var pid)
            || pid == Environment.ProcessId)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Creates the file readable by its owner only from the first byte, not chmod-ed after the fact.</summary>
    private static async Task WriteSecretAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    private Task RunAsync(string tool, string[] arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunPlainAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellationToken, allowFailure)
            : RunPlainAsync(executable, arguments, cancellationToken, allowFailure);
    }

    private static async Task RunPlainAsync(
        string file, string[] arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // postgres must not inherit our working directory: as root it may be one postgres cannot enter.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: " +
                $"{await errors}{await output}");
        }
    }

    private static async Task<bool> PostgresCanReachAsync(string directory, CancellationToken cancellationToken)
    {
        var existing = directory;
        while (!System.IO.Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? "/";
        }

        try
        {
            await RunPlainAsync("runuser", ["-u", "postgres", "--", "test", "-x", existing], cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        var installed = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin. " +
            "Install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql) or set ConnectionStrings__Newsroom.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local PostgreSQL in {Directory} listening on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, string directory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local PostgreSQL in {Directory} stopped")]
    private static partial void LogStopped(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local PostgreSQL in {Directory} did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The postgres user cannot reach {Requested}; keeping the local cluster in {Fallback} instead")]
    private static partial void LogFallbackDirectory(ILogger logger, string requested, string fallback);
}

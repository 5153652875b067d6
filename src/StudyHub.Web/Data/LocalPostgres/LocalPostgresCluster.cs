using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace StudyHub.Web.Data.LocalPostgres;

/// A private PostgreSQL cluster started from the server binaries installed on this machine, so that
/// a newcomer (and the test suite) needs no database server set up by hand.
public sealed class LocalPostgresCluster : IDisposable
{
    public const string SuperUser = "studyhub";
    const string ServiceUser = "postgres";

    readonly string _binDirectory;
    readonly string? _runAs;
    /// Held while this process uses the cluster; see InUse.
    readonly FileStream _inUse;
    bool _stopped;

    LocalPostgresCluster(string root, string binDirectory, string? runAs, int port, string password, FileStream inUse)
    {
        RootDirectory = root;
        _inUse = inUse;
        _binDirectory = binDirectory;
        _runAs = runAs;
        Port = port;
        Password = password;
    }

    public string RootDirectory { get; }
    public string DataDirectory => Path.Combine(RootDirectory, "data");
    public int Port { get; }
    public string Password { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={SuperUser};Password={Password}";

    public string PsqlCommand(string database) =>
        $"PGPASSWORD=$(cat {Path.Combine(RootDirectory, "password")}) psql -h 127.0.0.1 -p {Port} -U {SuperUser} {database}";

    /// Creates the cluster on first use, then starts it (or adopts one already running on the same folder).
    public static LocalPostgresCluster Start(string rootDirectory)
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found (looked for initdb and pg_ctl on PATH and in /usr/lib/postgresql/*/bin). " +
            "Install PostgreSQL 15 or newer (Debian/Ubuntu: apt-get install postgresql), or set ConnectionStrings__StudyHub to an existing server.");
        var runAs = Environment.UserName == "root" ? ServiceUser : null;

        Directory.CreateDirectory(rootDirectory);
        var passwordFile = Path.Combine(rootDirectory, "password");
        var dataDirectory = Path.Combine(rootDirectory, "data");
        var initialised = File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));
        if (!initialised)
        {
            File.WriteAllText(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        if (runAs is not null)
        {
            // PostgreSQL refuses to run as root, so the cluster belongs to the service user.
            Run("chown", ["-R", runAs, rootDirectory]);
        }
        var password = File.ReadAllText(passwordFile).Trim();

        if (!initialised)
        {
            RunAs(runAs, Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                 "--encoding", "UTF8", "--locale", "C.UTF-8"]);
        }

        var inUse = InUse(rootDirectory);
        var running = ReadRunningPort(dataDirectory);
        if (running is { } adopted && IsListening(adopted))
        {
            return new LocalPostgresCluster(rootDirectory, binDirectory, runAs, adopted, password, inUse);
        }

        var port = PickPort(Path.Combine(rootDirectory, "port"));
        RunAs(runAs, Path.Combine(binDirectory, "pg_ctl"),
            ["-D", dataDirectory, "-l", Path.Combine(rootDirectory, "postgres.log"), "-w", "-t", "60",
             "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start"]);
        File.WriteAllText(Path.Combine(rootDirectory, "port"), port.ToString(CultureInfo.InvariantCulture));
        return new LocalPostgresCluster(rootDirectory, binDirectory, runAs, port, password, inUse);
    }

    /// Every process that uses the cluster (the app, an import or a migration beside it) holds a shared lock on this
    /// file, and the last one out stops the cluster while holding it alone. Without it, an import run beside the app
    /// stopped the app's database when it ended, and an app started while the last one was stopping found the cluster
    /// still up, adopted it, and lost it a moment later. A process that finds the lock held alone waits for the stop.
    static FileStream InUse(string rootDirectory)
    {
        for (var waited = TimeSpan.Zero; ; waited += LockRetry)
        {
            try
            {
                // On Unix, .NET takes a shared advisory lock (flock) when the file is shared, an exclusive one for FileShare.None.
                return new FileStream(LockFile(rootDirectory), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (IOException) when (waited < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(LockRetry);
            }
        }
    }

    static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(100);

    /// Whether a process holds the cluster (InUse). Unlike a process ID, the lock is seen from any process that sees the
    /// folder, also from another PID namespace.
    public static bool IsInUse(string rootDirectory)
    {
        try
        {
            using var alone = new FileStream(LockFile(rootDirectory), FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    static string LockFile(string rootDirectory) => Path.Combine(rootDirectory, "in-use");

    /// Creates the database unless it exists, so that the first migration does not start by failing to connect.
    public void EnsureDatabase(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            create.ExecuteNonQuery();
        }
    }

    /// Stops the cluster unless another process still uses it; says whether it did.
    public bool Stop()
    {
        if (_stopped)
        {
            return false;
        }
        _stopped = true;
        _inUse.Dispose();
        FileStream last;
        try
        {
            last = new FileStream(LockFile(RootDirectory), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false;
        }
        using (last)
        {
            RunAs(_runAs, Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);
        }
        return true;
    }

    public void Dispose() => Stop();

    /// Stops the cluster in rootDirectory if it still runs and deletes its folder: for throwaway clusters.
    public static void Remove(string rootDirectory)
    {
        var dataDirectory = Path.Combine(rootDirectory, "data");
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")) && FindBinDirectory() is { } binDirectory)
        {
            try
            {
                RunAs(Environment.UserName == "root" ? ServiceUser : null, Path.Combine(binDirectory, "pg_ctl"),
                    ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // A stale pid file of a server that is gone already: nothing to stop.
            }
        }
        Directory.Delete(rootDirectory, recursive: true);
    }

    /// The default home of the app's cluster: a per-user data folder. Root's home is closed to the
    /// service user that runs the server, so root gets a folder under /var/lib instead.
    public static string DefaultRootDirectory(string name)
    {
        if (Environment.UserName == "root")
        {
            return Path.Combine("/var/lib/studyhub", name);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "studyhub", name);
    }

    public static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => ResolveLink(Path.Combine(dir, "pg_ctl")))
            .Where(File.Exists)
            .Select(Path.GetDirectoryName);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin"))
            : [];
        return onPath.Concat(debian)
            .FirstOrDefault(dir => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    static string ResolveLink(string path) =>
        File.Exists(path) && new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : path;

    static int? ReadRunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        // postmaster.pid line 4 holds the port the server listens on.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    static int PickPort(string portFile)
    {
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out var previous) && IsFree(previous))
        {
            return previous;
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static void RunAs(string? user, string program, IReadOnlyList<string> arguments)
    {
        if (user is null)
        {
            Run(program, arguments);
        }
        else
        {
            Run("runuser", ["-u", user, "--", program, .. arguments]);
        }
    }

    static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server must not inherit the working directory of a user it may not be able to read.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within 90 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }
}

using System.Net.Http.Json;
using System.Net.Sockets;
using Npgsql;
using StudyHub.Web.Data.LocalPostgres;
using Testcontainers.PostgreSql;

namespace StudyHub.Testing;

/// The PostgreSQL server the tests of one test process share. Resolved once, in order:
/// STUDYHUB_TEST_DB → Testcontainers (when a Docker engine answers) → a private local cluster.
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "STUDYHUB_TEST_DB";
    const string PostgresImage = "postgres:16.4-alpine";

    static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    PostgresServer(string adminConnectionString, string origin)
    {
        AdminConnectionString = adminConnectionString;
        Origin = origin;
    }

    /// A connection string to a database on the server with the right to create databases.
    public string AdminConnectionString { get; }

    /// Where the server came from, for failure messages.
    public string Origin { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    static async Task<PostgresServer> StartAsync()
    {
        var failures = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return new PostgresServer(configured, EnvironmentVariable);
        }
        failures.Add($"{EnvironmentVariable} is not set");

        if (await DockerAnswersAsync())
        {
            var container = new PostgreSqlBuilder(PostgresImage).Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            return new PostgresServer(container.GetConnectionString(), $"Testcontainers {PostgresImage}");
        }
        failures.Add("no Docker engine answers");

        try
        {
            RemoveClustersOfEndedRuns();
            var root = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}");
            Cluster = LocalPostgresCluster.Start(root);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => LocalPostgresCluster.Remove(root);
            return new PostgresServer(Cluster.ConnectionString("postgres"), $"local cluster in {root}");
        }
        catch (InvalidOperationException exception)
        {
            failures.Add($"the local cluster could not start: {exception.Message}");
        }

        throw new InvalidOperationException(
            "Database tests need PostgreSQL and found none (" + string.Join("; ", failures) + "). Provide one of: " +
            $"(1) {EnvironmentVariable}=<connection string to a server where tests may create databases>; " +
            "(2) a running Docker engine for Testcontainers; " +
            "(3) PostgreSQL 15+ server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/<version>/bin.");
    }

    const string ClusterPrefix = "studyhub-tests-";

    /// This run's cluster, kept for the process's life: its lock on the cluster (LocalPostgresCluster.IsInUse) tells other
    /// runs that it is in use.
    static LocalPostgresCluster? Cluster;

    /// The test host may be ended before its exit handlers finish; the next run tidies up after it. A run whose process
    /// this one cannot see (another PID namespace on the same /tmp) still holds its cluster's lock, and keeps it.
    static void RemoveClustersOfEndedRuns()
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(root)[ClusterPrefix.Length..], out var pid) && !IsRunning(pid) && !LocalPostgresCluster.IsInUse(root))
            {
                try
                {
                    LocalPostgresCluster.Remove(root);
                }
                catch (IOException)
                {
                    // The ended run's own exit handler is deleting it at this moment.
                }
            }
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// Answers within a second or two whether a Docker engine is there, so that machines without one
    /// never wait on Testcontainers' own retries.
    static async Task<bool> DockerAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = host is { Length: > 0 } && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
        if (host is { Length: > 0 } && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return await PingAsync(new SocketsHttpHandler(), new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal)));
        }
        if (!File.Exists(socket))
        {
            return false;
        }
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                return new NetworkStream(unix, ownsSocket: true);
            },
        };
        return await PingAsync(handler, new Uri("http://docker"));
    }

    static async Task<bool> PingAsync(HttpMessageHandler handler, Uri engine)
    {
        using var client = new HttpClient(handler) { BaseAddress = engine, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri("/_ping", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
        {
            return false;
        }
    }
}

using Npgsql;
using StudyHub.Web.Data.LocalPostgres;

namespace StudyHub.Web.Data;

/// Where the database lives: the configured server, or in Development a private local cluster.
public sealed class DatabaseEndpoint(IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseEndpoint> logger)
    : IDisposable
{
    public const string ConnectionStringName = "StudyHub";
    public const string ListenConnectionStringName = "StudyHubListen";
    const string LocalDatabaseName = "studyhub";

    readonly Lock _gate = new();
    string? _connectionString;
    LocalPostgresCluster? _cluster;

    public string ConnectionString
    {
        get
        {
            lock (_gate)
            {
                return _connectionString ??= Tuned(Resolve());
            }
        }
    }

    /// Where the live discussion feed LISTENs. Behind a transaction pooler (PgBouncer) a LISTEN is taken by whichever
    /// server connection ran it and never heard, so a deployment with one names the server itself here.
    public string ListenConnectionString =>
        configuration.GetConnectionString(ListenConnectionStringName) is { Length: > 0 } listen ? Tuned(listen) : ConnectionString;

    /// PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, which estimates for hashed
    /// subplans and scans of small tables often do here; the compile took 20–100 ms on statements that run in a few
    /// milliseconds (the quick switcher's letters-in-order step), and no statement of this app runs long enough to
    /// repay it. Options already in the connection string are kept.
    /// A server that does not answer is given up on after ConnectSeconds rather than Npgsql's 15, and one that stops
    /// answering a statement after CommandSeconds rather than 30, so that readers hear "try again" (DatabaseOutage)
    /// before they give up themselves. Timeouts given in the connection string win.
    static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c jit=off".Trim();
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectSeconds;
        }
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = CommandSeconds;
        }
        return builder.ConnectionString;
    }

    const int ConnectSeconds = 5;

    /// Ten times the slowest statement a page or API call makes at 100,000 notes (search's, under half a second).
    const int CommandSeconds = 5;

    /// How long a statement of work nobody waits on a page for (an import, a migration, deleting a vault, building the
    /// concept graph) may wait for the server: such work waits on locks held by other such work for minutes.
    public static readonly TimeSpan BatchCommandTimeout = TimeSpan.FromMinutes(30);

    string Resolve()
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        if (!environment.IsDevelopment() && !configuration.GetValue<bool>("LocalDatabase:Enabled"))
        {
            throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} " +
                "(for example \"Host=db;Database=studyhub;Username=studyhub;Password=...\"). " +
                "A private local PostgreSQL cluster is only started in Development.");
        }

        var root = configuration["LocalDatabase:Directory"] is { Length: > 0 } directory
            ? directory
            : LocalPostgresCluster.DefaultRootDirectory("postgres");
        _cluster = LocalPostgresCluster.Start(root);
        _cluster.EnsureDatabase(LocalDatabaseName);
        logger.LogInformation(
            "Started the local PostgreSQL cluster in {DataDirectory} on port {Port}. Connect with: {Psql}",
            _cluster.DataDirectory, _cluster.Port, _cluster.PsqlCommand(LocalDatabaseName));
        return _cluster.ConnectionString(LocalDatabaseName);
    }

    public void Dispose()
    {
        if (_cluster is null)
        {
            return;
        }
        if (_cluster.Stop())
        {
            logger.LogInformation("Stopped the local PostgreSQL cluster in {DataDirectory}", _cluster.DataDirectory);
        }
        else
        {
            logger.LogInformation("Left the local PostgreSQL cluster in {DataDirectory} running for another process that uses it", _cluster.DataDirectory);
        }
    }
}

using StudyHub.Web.Data.LocalPostgres;

namespace StudyHub.Web.Data;

/// Where the database lives: the configured server, or in Development a private local cluster.
public sealed class DatabaseEndpoint(IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseEndpoint> logger)
    : IDisposable
{
    public const string ConnectionStringName = "StudyHub";
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
                return _connectionString ??= Resolve();
            }
        }
    }

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
        _cluster.Stop();
        logger.LogInformation("Stopped the local PostgreSQL cluster in {DataDirectory}", _cluster.DataDirectory);
    }
}

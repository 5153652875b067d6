using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace StudyHub.Web.Data;

/// Applies migrations at start-up where configured (Development and docker compose); production
/// deployments run the `migrate` command as an explicit step instead.
sealed class DatabaseMigrator(IDbContextFactory<StudyHubDbContext> contexts, DatabaseEndpoint endpoint, IConfiguration configuration,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the endpoint first makes a missing connection string a start-up error.
        _ = endpoint.ConnectionString;
        if (configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            await MigrateAsync(contexts, logger, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// The key of the advisory lock that migrations take: "StudyMig" in ASCII (the imports' is ImportDatabase.ImportLock).
    public const long MigrationLock = 0x5374_7564_794D_6967;

    public static async Task MigrateAsync(IDbContextFactory<StudyHubDbContext> contexts, ILogger logger, CancellationToken cancellationToken)
    {
        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ForBatchWork();
        // Instances started together take turns: one migrates, the others wait for it and then find nothing pending.
        // EF's own lock on its history table did not stop three `migrate` commands started together from creating the
        // same tables (ConcurrentMigrationTests). A session lock, as each migration commits on its own.
        // Migrating creates a missing database, as EF would; the lock is taken in it, so it comes first.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        logger.LogInformation("Database is migrated to {Migration}", applied.LastOrDefault());
    }
}

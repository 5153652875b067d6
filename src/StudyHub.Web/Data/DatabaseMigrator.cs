using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace StudyHub.Web.Data;

/// Applies migrations at start-up where configured (Development and docker compose); production
/// deployments run the `migrate` command as an explicit step instead.
sealed class DatabaseMigrator(IServiceProvider services, DatabaseEndpoint endpoint, IConfiguration configuration,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the endpoint first makes a missing connection string a start-up error.
        _ = endpoint.ConnectionString;
        if (configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            await MigrateAsync(services, logger, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// The key of the advisory lock that migrations take: "StudyMig" in ASCII (the imports' is ImportDatabase.ImportLock).
    public const long MigrationLock = 0x5374_7564_794D_6967;

    public static async Task MigrateAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var db = (await services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync(cancellationToken)).ForBatchWork();
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
            // Made first, so that EF's look at an empty database's history is not logged as a failed command.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            MakeKeyRing(services.GetRequiredService<IKeyManager>(), services.GetRequiredService<TimeProvider>());
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        logger.LogInformation("Database is migrated to {Migration}", applied.LastOrDefault());
    }

    /// Instances that start together on an empty key ring each make a key of their own (the cluster harness's first start
    /// left two), so which key signs a cookie depends on the instance, and the others read it only once they reload the
    /// ring. The step that migrates makes the first key, under the lock, before any instance serves; later keys are made
    /// days before they take over, so every instance has read them by then.
    static void MakeKeyRing(IKeyManager keys, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }
}

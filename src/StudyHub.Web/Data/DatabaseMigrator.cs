using Microsoft.EntityFrameworkCore;

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

    public static async Task MigrateAsync(IDbContextFactory<StudyHubDbContext> contexts, ILogger logger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        logger.LogInformation("Database is migrated to {Migration}", applied.LastOrDefault());
    }
}

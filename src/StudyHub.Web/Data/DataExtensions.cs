using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Data;

public static class DataExtensions
{
    public static void AddData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseEndpoint>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddDbContextFactory<StudyHubDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<DatabaseEndpoint>().ConnectionString)
            // What hangs off a note (links, revisions, annotations …) is only ever reached through a note the
            // reader may see, so the notes' query filter does not need repeating on each of them.
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        // Hosted services start in order: the schema must exist before data protection loads its keys from it.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddDataProtection().SetApplicationName("StudyHub").PersistKeysToDbContext<StudyHubDbContext>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.Services.AddExceptionHandler<DatabaseOutage>();
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).ExemptFromLoadShedding();
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") }).ExemptFromLoadShedding();
    }
}

/// Ready means the database answers and has every migration this build knows.
sealed class DatabaseReadyCheck(IDbContextFactory<StudyHubDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", pending)}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", exception);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Import;

public static class ImportFeature
{
    public static void AddImport(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ImportLimits>(builder.Configuration.GetSection("Import:Limits"));
        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection("Import:Uploads"));
        builder.Services.AddTransient<VaultImporter>();
        builder.Services.AddSingleton<RunningImports>();
        builder.Services.Configure<FailedUploadOptions>(builder.Configuration.GetSection("Import:FailedUploads"));
        builder.Services.AddTransient<FailedImports>();
        builder.Services.AddHostedService<LeftoverUploads>();
        builder.Services.AddHostedService<SampleVaultImport>();
    }

    public static void MapImport(this WebApplication app) =>
        app.MapPost("/api/imports", ImportEndpoints.UploadAsync).ExemptFromLoadShedding()
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .WithName("UploadVault")
            .WithSummary("Imports a vault zip (multipart field \"zip\") into the vault named by \"vault\", or a new one named by \"newVault\".");
}

/// On a fresh database, loads the bundled sample vault so that a newcomer has something to read.
sealed class SampleVaultImport(IDbContextFactory<StudyHubDbContext> contexts, VaultImporter importer, IConfiguration configuration,
    IHostEnvironment environment, ILogger<SampleVaultImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Import:SampleVaultWhenEmpty"))
        {
            return;
        }
        await using (var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAsSystem())
        {
            if (await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).AnyAsync(cancellationToken))
            {
                return;
            }
        }
        var folder = Path.GetFullPath(configuration["Import:SampleVault"] ?? "../../samples/cs224n", environment.ContentRootPath);
        var report = await importer.ImportAsync(folder, "cs224n", cancellationToken);
        logger.LogInformation("Imported the sample vault from {Folder}: {Report}", folder, report);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

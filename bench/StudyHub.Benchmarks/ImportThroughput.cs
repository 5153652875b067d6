using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyHub.Web.Data;
using StudyHub.Web.Data.LocalPostgres;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Papers;

namespace StudyHub.Benchmarks;

/// Imports a vault into a fresh database with the app's own wiring and prints notes per second for
/// the first import and for a re-import of the unchanged vault.
static class ImportThroughput
{
    public static async Task RunAsync(string vault, int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), $"studyhub-bench-{Environment.ProcessId}");
        using var cluster = LocalPostgresCluster.Start(root);
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                var database = $"bench_{run}";
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
                builder.Configuration["ConnectionStrings:StudyHub"] = cluster.ConnectionString(database);
                builder.Logging.ClearProviders();
                builder.AddData();
                builder.AddAttachments();
                builder.AddImport();
                builder.AddPapers();
                // What Program.cs registers for every feature, and the content version an import moves.
                builder.Services.AddSingleton(TimeProvider.System);
                builder.Services.AddSingleton(new StudyHub.Markdown.ObsidianMarkdown());
                builder.Services.AddSingleton<StudyHub.Web.Infrastructure.ContentCache>();
                await using var app = builder.Build();
                var contexts = app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
                await using (var db = await contexts.CreateDbContextAsync())
                {
                    await db.Database.MigrateAsync();
                }
                var importer = app.Services.GetRequiredService<VaultImporter>();

                var first = Stopwatch.StartNew();
                var report = await importer.ImportAsync(vault, "bench", default);
                first.Stop();
                var again = Stopwatch.StartNew();
                await importer.ImportAsync(vault, "bench", default);
                again.Stop();

                Console.WriteLine(
                    $"run {run}: {report.Notes} notes, {report.Attachments} attachments; first import {first.Elapsed.TotalSeconds:F2} s " +
                    $"({report.Notes / first.Elapsed.TotalSeconds:F0} notes/s); unchanged re-import {again.Elapsed.TotalSeconds:F2} s " +
                    $"({report.Notes / again.Elapsed.TotalSeconds:F0} notes/s)");
            }
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(root, recursive: true);
        }
    }
}

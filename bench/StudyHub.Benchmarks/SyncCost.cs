using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyHub.Web.Data;
using StudyHub.Web.Data.LocalPostgres;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Papers;
using StudyHub.Web.Features.Sync;

namespace StudyHub.Benchmarks;

/// What a sync of a folder source costs beside a re-import of the same vault: with nothing changed (the manifest's
/// sizes and times compared, nothing written), and with one note edited (today the full import; issue 23, item 3).
/// Works on a copy of the vault, since it edits a note.
static class SyncCost
{
    public static async Task RunAsync(string vault, int repeats)
    {
        var root = Path.Combine(Path.GetTempPath(), $"studyhub-bench-{Environment.ProcessId}");
        var copy = Path.Combine(root, "vault");
        CopyFolder(vault, copy);
        using var cluster = LocalPostgresCluster.Start(Path.Combine(root, "cluster"));
        try
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
            builder.Configuration["ConnectionStrings:StudyHub"] = cluster.ConnectionString("bench_sync");
            builder.Logging.ClearProviders();
            builder.AddData();
            builder.AddAttachments();
            builder.AddImport();
            builder.AddPapers();
            builder.AddSync();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton(new StudyHub.Markdown.ObsidianMarkdown());
            builder.Services.AddSingleton<StudyHub.Web.Infrastructure.ContentCache>();
            await using var app = builder.Build();
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }
            var sync = app.Services.GetRequiredService<VaultSync>();
            var importer = app.Services.GetRequiredService<VaultImporter>();
            var (source, _, first) = await sync.ConfigureAsync("bench", new SourceSettings(SourceKind.Folder, copy), default);
            var edited = Directory.EnumerateFiles(copy, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();

            var unchanged = new List<double>();
            var reimport = new List<double>();
            var oneEdited = new List<double>();
            var lastEdit = "";
            for (var i = 0; i < repeats; i++)
            {
                unchanged.Add(await TimeAsync(async () => Expect(SyncResult.Unchanged, await sync.SyncAsync(source.VaultId, "bench", default))));
                reimport.Add(await TimeAsync(() => importer.ImportAsync(copy, "bench", default)));
                await File.AppendAllTextAsync(edited, $"\n\nEdit {i}.");
                oneEdited.Add(await TimeAsync(async () =>
                {
                    var outcome = await sync.SyncAsync(source.VaultId, "bench", default);
                    Expect(SyncResult.Imported, outcome);
                    lastEdit = outcome.Message;
                }));
            }
            var (a, b, c) = (Median(unchanged), Median(reimport), Median(oneEdited));
            Console.WriteLine($"{first.Report!.Notes} notes, {first.Report.Attachments} attachments; medians of {repeats}:");
            Console.WriteLine($"  sync, nothing changed:  {a * 1000,8:F0} ms  (1)");
            Console.WriteLine($"  re-import, unchanged:   {b * 1000,8:F0} ms  ({b / a:F1}x)");
            Console.WriteLine($"  sync, one note edited:  {c * 1000,8:F0} ms  ({c / a:F1}x; the last: {lastEdit})");
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(root, recursive: true);
        }
    }

    static void Expect(SyncResult expected, SyncOutcome outcome)
    {
        if (outcome.Result != expected)
        {
            throw new InvalidOperationException($"The sync was to be {expected} and was {outcome.Result}: {outcome.Message}");
        }
    }

    static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

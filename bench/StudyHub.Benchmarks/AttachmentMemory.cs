using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyHub.Web.Data;
using StudyHub.Web.Data.LocalPostgres;
using StudyHub.Web.Features.Attachments;

namespace StudyHub.Benchmarks;

/// Serves a 64 MB attachment from the database store as the attachment endpoint does (Results.Stream copies with a
/// 64 KB buffer; a range seeks first) and prints the bytes allocated and the process's peak working set.
static class AttachmentMemory
{
    const string Hash = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    public static async Task RunAsync(int downloads)
    {
        var root = Path.Combine(Path.GetTempPath(), $"studyhub-bench-{Environment.ProcessId}");
        using var cluster = LocalPostgresCluster.Start(root);
        try
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
            builder.Configuration["ConnectionStrings:StudyHub"] = cluster.ConnectionString("bench_attachments");
            builder.Logging.ClearProviders();
            builder.AddData();
            builder.AddAttachments();
            await using var app = builder.Build();
            var contexts = app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                // 64 MB of random bytes made by the server, so this process never holds them.
                await db.Database.ExecuteSqlRawAsync($"""
                    INSERT INTO "AttachmentContents" ("ContentHash", "Bytes")
                    SELECT '{Hash}', string_agg(uuid_send(gen_random_uuid()), ''::bytea) FROM generate_series(1, 4 * 1024 * 1024)
                    """);
            }
            var store = app.Services.GetRequiredService<IAttachmentStore>();
            await CopyAsync(store, from: 0, count: null);
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < downloads; i++)
            {
                await CopyAsync(store, from: 0, count: null);
            }
            clock.Stop();
            var whole = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / downloads;
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            await CopyAsync(store, from: 40_000_000, count: 100);
            var range = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"whole 64 MB: {whole / 1024.0:N0} KB allocated per download, {clock.Elapsed.TotalMilliseconds / downloads:N0} ms each; " +
                $"100-byte range at 40 MB: {range / 1024.0:N0} KB allocated; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):N0} MB");
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(root, recursive: true);
        }
    }

    static async Task CopyAsync(IAttachmentStore store, long from, long? count)
    {
        await using var stream = await store.OpenAsync(Hash, default) ?? throw new InvalidOperationException("The attachment is missing.");
        stream.Seek(from, SeekOrigin.Begin);
        var buffer = new byte[64 * 1024];
        var left = count ?? stream.Length - from;
        int read;
        while (left > 0 && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)))) > 0)
        {
            left -= read;
        }
    }
}

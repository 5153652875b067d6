using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Data.LocalPostgres;
using StudyHub.Web.Tests.Annotations;

namespace StudyHub.Web.Tests;

/// The app on a PostgreSQL cluster of its own, which a test may stop and start again: the shared test server serves
/// every other suite.
public sealed class PrivateClusterApp : StudyHubApp
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"studyhub-restart-{Guid.NewGuid():N}");
    LocalPostgresCluster? _cluster;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _cluster = LocalPostgresCluster.Start(_root);
        _cluster.EnsureDatabase("studyhub");
        using var vault = new TempVault("restart").Write("Fusion.md", "# Fusion\n\nLate fusion.").Write("Quiet.md", "# Quiet\n\nNobody posts here.");
        await ImportVaultAsync(vault.Root);
    }

    /// pg_ctl stop -m fast, then start on the same data and port.
    public void RestartDatabase()
    {
        _cluster!.Stop();
        _cluster = LocalPostgresCluster.Start(_root);
    }

    public async Task<List<Guid>> StoredCommentsAsync(string prefix)
    {
        using var scope = Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync();
        return await db.Comments.Where(c => c.Body.StartsWith(prefix)).Select(c => c.Id).ToListAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}", _cluster!.ConnectionString("studyhub"));
        builder.UseSetting("Database:MigrateOnStartup", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _cluster?.Stop();
        LocalPostgresCluster.Remove(_root);
    }
}

/// The fast part of issue 18's PostgreSQL restart under load, for CI: a real restart while readers post and watch.
public sealed class PostgresRestartTests(PrivateClusterApp app) : IClassFixture<PrivateClusterApp>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ARestartUnderPostingLosesAndDoublesNoAcknowledgedCommentAndStreamsAreToldToLookAgain()
    {
        const int Writers = 3;
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            await app.CreateUserAsync($"restart-{i}@example.org");
            clients.Add(await app.ClientAsync($"restart-{i}@example.org"));
        }
        using var reader = app.CreateClient();
        await using var events = await DiscussionEvents.OpenAsync(reader, "quiet");
        Assert.Equal(DiscussionEvents.Watching, await events.NextAsync(Patience));

        // Each writer posts until told to stop, sending a comment again with its id after a 503 or no answer, as the page
        // does (here without giving up); meanwhile the database restarts.
        using var stop = new CancellationTokenSource();
        var refused = 0;
        var writing = clients.Select(async (client, writer) =>
        {
            var acknowledged = new List<Guid>();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var comment = new { body = $"Restart {writer}.{n}", id = Guid.NewGuid() };
                while (true)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync(new Uri("/api/notes/fusion/comments", UriKind.Relative), comment);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(comment.id);
                            break;
                        }
                        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    }
                    catch (HttpRequestException)
                    {
                    }
                    Interlocked.Increment(ref refused);
                    await Task.Delay(200);
                }
                await Task.Delay(20);
            }
            return acknowledged;
        }).ToList();
        await Task.Delay(500);
        app.RestartDatabase();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var acknowledged = (await Task.WhenAll(writing)).SelectMany(ids => ids).ToList();
        clients.ForEach(client => client.Dispose());

        // The feed's LISTEN connection died with the server: once it is back, every open stream is told to look again.
        Assert.Equal(DiscussionEvents.Changed, await events.NextAsync(Patience));
        Assert.True(refused > 0, "No post met the restart.");
        Assert.Equal(acknowledged.Order(), (await app.StoredCommentsAsync("Restart ")).Order());
    }
}

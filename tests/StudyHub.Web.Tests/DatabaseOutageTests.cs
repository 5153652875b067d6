using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;
using StudyHub.Web.Tests.Annotations;

namespace StudyHub.Web.Tests;

/// The app reaching PostgreSQL through a relay that the tests cut, as a database restart or a network failure would.
public sealed class OutageApp : StudyHubApp
{
    CuttableProxy? _proxy;

    public CuttableProxy Proxy => _proxy ?? throw new InvalidOperationException("The relay starts in InitializeAsync.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        _proxy = CuttableProxy.Start(server.Host!, server.Port);
        using var vault = new TempVault("outage").Write("Fusion.md", "# Fusion\n\nLate fusion combines just the scores.");
        await ImportVaultAsync(vault.Root);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var relayed = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port };
        builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}", relayed.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _proxy?.Dispose();
    }
}

/// While the database is away, cached pages answer and everything else says at once to try again; when it is back,
/// so is the site.
public sealed class DatabaseOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    const string Note = "/notes/outage/fusion";

    [Fact]
    public async Task LiveUpdatesResumeAfterTheDatabaseReturnsAndReadersAreToldToLookAgain()
    {
        await app.CreateUserAsync("outage-writer@example.org");
        using var writer = await app.ClientAsync("outage-writer@example.org");
        using var reader = app.CreateClient();
        await app.ListeningAsync(instances: 1);
        await using var events = await DiscussionEvents.OpenAsync(reader, "fusion");
        Assert.Equal(DiscussionEvents.Watching, await events.NextAsync(Patience));

        app.Proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(1));
        app.Proxy.Restore();

        // What changed while the feed was down was not heard: every open stream is told to look again.
        Assert.Equal(DiscussionEvents.Changed, await events.NextAsync(Patience));
        using var posted = await writer.PostAsJsonAsync(new Uri("/api/notes/fusion/comments", UriKind.Relative), new { body = "Back again." });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(DiscussionEvents.Changed, await events.NextAsync(Patience));
    }

    [Fact]
    public async Task CommentsPostedAcrossAnOutageAreEachStoredOnceWhenRetriedWithTheirIds()
    {
        const int Writers = 4, CommentsEach = 10;
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            await app.CreateUserAsync($"steady-{i}@example.org");
            clients.Add(await app.ClientAsync($"steady-{i}@example.org"));
        }
        var refused = 0;

        // Each writer posts its comments one after another, sending each again with its id until it is acknowledged,
        // as the page does; meanwhile the database goes away for a second and comes back.
        var writing = clients.Select(async (client, writer) =>
        {
            var acknowledged = new List<Guid>();
            for (var n = 0; n < CommentsEach; n++)
            {
                var comment = new { body = $"Writer {writer}, comment {n}.", id = Guid.NewGuid() };
                while (true)
                {
                    using var response = await client.PostAsJsonAsync(new Uri("/api/notes/fusion/comments", UriKind.Relative), comment);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(comment.id);
                        break;
                    }
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Interlocked.Increment(ref refused);
                    await Task.Delay(100);
                }
                await Task.Delay(50);
            }
            return acknowledged;
        }).ToList();
        await Task.Delay(300);
        app.Proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(1));
        app.Proxy.Restore();
        var acknowledged = (await Task.WhenAll(writing)).SelectMany(ids => ids).ToList();
        clients.ForEach(client => client.Dispose());

        await using var db = app.Database.CreateContext();
        var stored = await db.Comments.Where(c => c.Body.StartsWith("Writer ")).Select(c => c.Id).ToListAsync();
        Assert.True(refused > 0, "No post met the outage; cut the relay earlier.");
        Assert.Equal(Writers * CommentsEach, acknowledged.Count);
        Assert.Equal(acknowledged.Order(), stored.Order());
    }

    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// A server that keeps its connections but stops answering (hung, or packets dropped on the way) is given up on
    /// after the command timeout, 5 s per statement rather than Npgsql's 30 s: a search page makes three (the content
    /// version, the form's choices, the search), 15 s in all where it was 90.
    [Fact]
    public async Task AStalledDatabaseIsAnsweredTryAgainWithinTheCommandTimeoutAndTheSiteComesBackWithIt()
    {
        using var client = app.CreateClient();
        using (var warm = await client.GetAsync(new Uri("/search?q=fusion", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        app.Proxy.Stall();
        try
        {
            var asked = Stopwatch.StartNew();
            using var refused = await client.GetAsync(new Uri("/search?q=scores", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.True(asked.Elapsed < TimeSpan.FromSeconds(20), $"The search took {asked.Elapsed} to refuse.");
        }
        finally
        {
            app.Proxy.Resume();
        }

        await SearchAnswersWithinAsync(client, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CachedPagesAnswerWithinTheCommandTimeoutWhileTheDatabaseHangs()
    {
        using var client = app.CreateClient();
        using (var before = await client.GetAsync(new Uri(Note, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        // Past the two seconds after which the content version is due to be read again.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        app.Proxy.Stall();
        try
        {
            var asked = Stopwatch.StartNew();
            for (var reader = 0; reader < 3; reader++)
            {
                using var cached = await client.GetAsync(new Uri(Note, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            }
            // A request that waited for the version would have waited out the 5 s command timeout.
            Assert.True(asked.Elapsed < TimeSpan.FromSeconds(4), $"Three cached pages took {asked.Elapsed}.");
        }
        finally
        {
            app.Proxy.Resume();
        }
    }

    [Fact]
    public async Task CachedPagesAnswerOthersAskToRetryAtOnceAndTheSiteComesBackWithTheDatabase()
    {
        using var client = app.CreateClient();
        using (var before = await client.GetAsync(new Uri(Note, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        app.Proxy.Cut();
        try
        {
            // As if the content version were due to be read again: it cannot be, and the last one stands.
            app.Services.GetRequiredService<ContentCache>().Forget();
            using var cached = await client.GetAsync(new Uri(Note, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);

            foreach (var needsTheDatabase in new[] { "/search?q=fusion", "/api/notes/fusion/comments" })
            {
                var asked = Stopwatch.StartNew();
                using var refused = await client.GetAsync(new Uri(needsTheDatabase, UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
                Assert.Contains("cannot reach its database", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.True(asked.Elapsed < TimeSpan.FromSeconds(10), $"{needsTheDatabase} took {asked.Elapsed} to refuse.");
            }
        }
        finally
        {
            app.Proxy.Restore();
        }

        await SearchAnswersWithinAsync(client, TimeSpan.FromSeconds(5));
    }

    static async Task SearchAnswersWithinAsync(HttpClient client, TimeSpan patience)
    {
        var back = Stopwatch.StartNew();
        while (true)
        {
            using var search = await client.GetAsync(new Uri("/search?q=fusion", UriKind.Relative));
            if (search.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            Assert.True(back.Elapsed < patience, $"Still {search.StatusCode} {patience} after the database came back.");
            await Task.Delay(100);
        }
    }
}

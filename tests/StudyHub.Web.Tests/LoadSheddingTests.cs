using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Tests;

/// The app working on one request at a time, with none waiting.
public sealed class OneAtATimeApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LoadShedding:Working", "1");
        builder.UseSetting("LoadShedding:Waiting", "0");
    }
}

/// An instance at its limit refuses what it cannot take on at once, and still answers what costs it nothing.
public sealed class LoadSheddingTests(OneAtATimeApp app) : IClassFixture<OneAtATimeApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportSampleVaultAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARequestPastTheLimitIsRefusedAtOnceWhileCachedPagesAndProbesAnswer()
    {
        using var client = app.CreateClient();
        const string Note = "/notes/cs224n/lectures/multimodal-deep-learning";
        using (var warm = await client.GetAsync(new Uri(Note, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // A search held at work: the notes are locked, so it waits on the database with its place taken.
        await using var locking = new NpgsqlConnection(app.Services.GetRequiredService<DatabaseEndpoint>().ConnectionString);
        await locking.OpenAsync();
        var transaction = await locking.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""LOCK TABLE "Notes" IN ACCESS EXCLUSIVE MODE""", locking, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        var held = client.GetAsync(new Uri("/search?q=fusion", UriKind.Relative));
        await WaitUntilSomeoneWaitsForALockAsync();

        using (var refused = await client.GetAsync(new Uri("/search?q=attention", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(LoadShedding.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        }
        using (var cached = await client.GetAsync(new Uri(Note, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }
        using (var probe = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }
        Assert.False(held.IsCompleted, "The held search finished before the lock was released: it did not hold the only place.");

        await transaction.RollbackAsync();
        using (var answered = await held)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        using var again = await client.GetAsync(new Uri("/search?q=attention", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    /// Until a session of the app's database waits for a lock, within the test's patience; asked from a connection of
    /// its own, since a transaction sees pg_stat_activity as it was when it began.
    async Task WaitUntilSomeoneWaitsForALockAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watching = new NpgsqlConnection(app.Services.GetRequiredService<DatabaseEndpoint>().ConnectionString);
        await watching.OpenAsync(patience.Token);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", watching);
        while ((long)(await command.ExecuteScalarAsync(patience.Token))! == 0)
        {
            await Task.Delay(50, patience.Token);
        }
    }
}

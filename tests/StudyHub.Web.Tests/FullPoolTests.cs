using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyHub.Testing;
using StudyHub.Web.Data;

namespace StudyHub.Web.Tests;

/// The app with a pool of two connections that gives up waiting for one after a second.
public sealed class SmallPoolApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var small = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 2, Timeout = 1 };
        builder.UseSetting($"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}", small.ConnectionString);
    }
}

/// Every connection of the pool busy, as under a load the database cannot keep up with: a request that needs one
/// hears "try again" once the pool's wait runs out, like an outage, rather than a 500.
public sealed class FullPoolTests(SmallPoolApp app) : IClassFixture<SmallPoolApp>
{
    [Fact]
    public async Task ARequestThatFindsThePoolFullIsAskedToRetry()
    {
        using var client = app.CreateClient();
        using (var warm = await client.GetAsync(new Uri("/search?q=fusion", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // The app's own connection string names the same pool (the live feed may hold one of its connections already):
        // take every connection left.
        var connectionString = app.Services.GetRequiredService<DatabaseEndpoint>().ConnectionString;
        var taken = new List<NpgsqlConnection>();
        try
        {
            while (true)
            {
                var connection = new NpgsqlConnection(connectionString);
                taken.Add(connection);
                await connection.OpenAsync();
            }
        }
        catch (NpgsqlException full) when (full.InnerException is TimeoutException)
        {
        }
        try
        {
            Assert.True(taken.Count > 1, "The test took no connection: the pool was full already.");
            using var refused = await client.GetAsync(new Uri("/search?q=fusion", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        }
        finally
        {
            foreach (var connection in taken)
            {
                await connection.DisposeAsync();
            }
        }
    }
}

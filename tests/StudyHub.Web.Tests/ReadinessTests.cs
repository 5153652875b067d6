using System.Net;
using Microsoft.AspNetCore.Hosting;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadyzFailsWhileMigrationsArePending()
    {
        await using var empty = await TestDatabase.CreateEmptyAsync();
        await using var app = new AppOn(empty.ConnectionString);
        await app.InitializeAsync();
        using var client = app.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    sealed class AppOn(string connectionString) : StudyHubApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:StudyHub", connectionString);
        }
    }
}

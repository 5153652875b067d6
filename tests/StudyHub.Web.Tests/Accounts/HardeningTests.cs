using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Tests.Accounts;

/// The app as Production runs it, with every log event kept.
public sealed class ProductionApp : StudyHubApp
{
    public ConcurrentQueue<LogEvent> Logged { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Email:LogLinks", "true");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new Sink(Logged)));
    }

    sealed class Sink(ConcurrentQueue<LogEvent> logged) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => logged.Enqueue(logEvent);
    }
}

public sealed class HardeningTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task ProductionSendsHstsOverHttps()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://study.example.org") });

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Contains("max-age=", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookiesAreSecureInProductionEvenWhenTheRequestCameAsPlainHttp()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://study.example.org") });

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AShareTokenIsNotWrittenToTheLogs()
    {
        const string token = "s3cr3t-share-token-for-the-log-test";
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri($"/shared/{token}", UriKind.Relative));

        List<string> Written() => app.Logged.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + string.Join(" ", e.Properties.Values)).ToList();
        await Eventually(() => Written().Any(line => line.Contains("/shared/", StringComparison.Ordinal)));
        var written = Written();
        Assert.Contains(written, line => line.Contains("/shared/…", StringComparison.Ordinal));
        Assert.DoesNotContain(written, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsAreLoggedByTheAppThatServedThemWhenAnotherAppRunsInTheSameProcess()
    {
        using var client = app.CreateClient();
        await using (var other = app.AnotherInstance())
        {
            using var otherClient = other.CreateClient();
            using var started = await otherClient.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);

            using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(await Eventually(() => app.Logged.Any(e => e.Properties.TryGetValue("RequestPath", out var path)
            && path.ToString().Contains("/account/login", StringComparison.Ordinal))));
    }

    /// The request's log line is written as the response completes, which may be after the client has it.
    static async Task<bool> Eventually(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}

/// Outside Development, by default.
public sealed class ApiDescriptionTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task TheOpenApiDescriptionIsForAdminsOnly()
    {
        await app.CreateUserAsync("api-member@example.org");
        await app.CreateUserAsync("api-admin@example.org", Roles.Admin);
        using var anonymous = await app.ClientAsync(null);
        using var member = await app.ClientAsync("api-member@example.org", antiforgeryToken: false);
        using var admin = await app.ClientAsync("api-admin@example.org", antiforgeryToken: false);

        using var anonymousResponse = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var memberResponse = await member.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var adminResponse = await admin.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, memberResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Contains("\"openapi\"", await adminResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

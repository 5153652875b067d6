using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

/// An instance stopped as a deployment or Kubernetes stops it, on real Kestrel: the balancer is told first, and
/// nobody's request is cut.
public sealed class ShutdownTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadinessFailsAtOnceWhileOpenConnectionsAreServedForTheDrainEachClosingAfterItsAnswer()
    {
        await using var app = new StoppableApp(drainSeconds: 5);
        await app.InitializeAsync();
        var site = app.StartKestrel();
        // Each client keeps the connection it opened before stopping began.
        using HttpClient prober = new() { BaseAddress = site }, reader = new() { BaseAddress = site };
        using var readyBefore = await prober.GetAsync(new Uri("/readyz", UriKind.Relative));
        using (await reader.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        var stopped = app.StopAsync();
        using var ready = await prober.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var page = await reader.GetAsync(new Uri("/", UriKind.Relative));
        var stoppedBeforeThePageAnswered = stopped.IsCompleted;

        Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.ConnectionClose);
        Assert.False(stoppedBeforeThePageAnswered);
        await stopped.WaitAsync(Patience);
    }

    /// A proxy may send a refused request to another instance whatever it is, since none of it was sent.
    [Fact]
    public async Task ANewConnectionIsRefusedAsSoonAsStoppingBegins()
    {
        await using var app = new StoppableApp(drainSeconds: 5);
        await app.InitializeAsync();
        var site = app.StartKestrel();
        using var before = new HttpClient { BaseAddress = site };
        using (await before.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        var stopped = app.StopAsync();
        using var after = new HttpClient { BaseAddress = site };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => after.GetAsync(new Uri("/healthz", UriKind.Relative)));
        using var onTheOpenConnection = await before.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        Assert.Equal(HttpStatusCode.OK, onTheOpenConnection.StatusCode);
        Assert.False(stopped.IsCompleted);
        await stopped.WaitAsync(Patience);
    }

    [Fact]
    public async Task ARequestInFlightWhenStoppingBeginsIsAnsweredInFull()
    {
        await using var app = new StoppableApp(drainSeconds: 0);
        await app.InitializeAsync();
        using var client = new HttpClient { BaseAddress = app.StartKestrel() };
        var answer = client.GetStringAsync(new Uri(StoppableApp.SlowPath, UriKind.Relative));
        await app.SlowRequestArrived.WaitAsync(Patience);

        var stopped = app.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stoppedWithTheRequestInFlight = stopped.IsCompleted;
        app.FinishSlowRequest();

        Assert.False(stoppedWithTheRequestInFlight);
        Assert.Equal(StoppableApp.SlowAnswer, await answer.WaitAsync(Patience));
        await stopped.WaitAsync(Patience);
    }

    [Fact]
    public async Task ALiveDiscussionStreamEndsAfterTheDrainAskingToReconnectSoon()
    {
        await using var app = new StoppableApp(drainSeconds: 1);
        await app.InitializeAsync();
        using var client = new HttpClient { BaseAddress = app.StartKestrel() };
        using (var vault = new TempVault("shutdown").Write("Passage.md", "# Passage\n\nA passage to discuss."))
        {
            await app.ImportVaultAsync(vault.Root);
        }
        using var response = await client.GetAsync(new Uri("/api/notes/passage/discussion/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await stream.ReadLineAsync().WaitAsync(Patience) is { } line && line != "data: watching")
        {
        }
        Assert.Equal("", await stream.ReadLineAsync());

        var stopped = app.StopAsync();
        var rest = await stream.ReadToEndAsync().WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("event: reconnect\ndata: stopping\nretry: 1000\n\n", rest);
        await stopped.WaitAsync(Patience);
    }

    /// The app with a drain period of its own and one request that answers only when the test lets it.
    sealed class StoppableApp(int drainSeconds) : StudyHubApp
    {
        public const string SlowPath = "/test/slow";
        public const string SlowAnswer = "finished";

        readonly TaskCompletionSource _slowRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource _slowRequestMayFinish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SlowRequestArrived => _slowRequestArrived.Task;

        public void FinishSlowRequest() => _slowRequestMayFinish.SetResult();

        /// What SIGTERM does: the host stops.
        public Task StopAsync() => Services.GetRequiredService<IHost>().StopAsync();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Shutdown:DrainSeconds", drainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new SlowRequest(this)));
        }

        sealed class SlowRequest(StoppableApp app) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
            {
                pipeline.Map(SlowPath, slow => slow.Run(async context =>
                {
                    app._slowRequestArrived.SetResult();
                    await app._slowRequestMayFinish.Task;
                    await context.Response.WriteAsync(SlowAnswer);
                }));
                next(pipeline);
            };
        }
    }
}

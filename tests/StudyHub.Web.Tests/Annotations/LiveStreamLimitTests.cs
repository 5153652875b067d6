using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Tests.Accounts;

namespace StudyHub.Web.Tests.Annotations;

/// Live discussion streams hold a connection each: one client network may open only so many, and the app only so
/// many in all, each refusal saying why and when to come back.
public sealed class LiveStreamLimitTests(LiveStreamLimitTests.FewStreamsApp app) : IClassFixture<LiveStreamLimitTests.FewStreamsApp>
{
    static readonly Uri Events = new("/api/notes/passage/discussion/events", UriKind.Relative);

    [Fact]
    public async Task OneNetworkMayOpenOnlySoManyStreams()
    {
        using var first = await OpenAsync(app, "2001:db8:1:2::10");
        using var second = await OpenAsync(app, "2001:db8:1:2::20");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // Another address of the same IPv6 /64 is the same client.
        using var third = await OpenAsync(app, "2001:db8:1:2::30");
        using var elsewhere = await OpenAsync(app, "192.0.2.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), third.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many live discussions are open from your network", await DetailAsync(third), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    internal static async Task<HttpResponseMessage> OpenAsync(FewStreamsApp app, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Events) { Headers = { { StrictRateLimitApp.PeerHeader, peer } } };
        return await app.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    internal static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// Two streams per client network and three in all, with requests that say which address they come from.
    public sealed class FewStreamsApp : StudyHubApp
    {
        public const int Streams = 3;
        readonly TempVault _vault = new("live");

        public HttpClient Client { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _vault.Write("Passage.md", "# Passage\n\nA note to discuss.");
            await ImportVaultAsync(_vault.Root, "live");
            Client = CreateClient();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Discussion:StreamsPerClient", "2");
            builder.UseSetting("Discussion:Streams", Streams.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, StrictRateLimitApp.Peer>());
        }

        public override async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            _vault.Dispose();
            await base.DisposeAsync();
        }
    }
}

/// On its own app, so that no stream of another test is still closing while it counts.
public sealed class LiveStreamTotalLimitTests(LiveStreamLimitTests.FewStreamsApp app) : IClassFixture<LiveStreamLimitTests.FewStreamsApp>
{
    [Fact]
    public async Task TheAppOpensOnlySoManyStreamsInAllAndAClosedOneMakesRoom()
    {
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 1; i <= LiveStreamLimitTests.FewStreamsApp.Streams; i++)
            {
                open.Add(await LiveStreamLimitTests.OpenAsync(app, $"198.51.100.{i}"));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }

            using var refused = await LiveStreamLimitTests.OpenAsync(app, "203.0.113.1");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("as many live discussions as it can", await LiveStreamLimitTests.DetailAsync(refused), StringComparison.Ordinal);

            open[0].Dispose();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            HttpResponseMessage again;
            while ((again = await LiveStreamLimitTests.OpenAsync(app, "203.0.113.1")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                again.Dispose();
                await Task.Delay(50);
            }
            open.Add(again);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            open.ForEach(response => response.Dispose());
        }
    }
}

using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyHub.Testing;
using Xunit.Abstractions;

namespace StudyHub.Web.Tests.Limits;

/// A slowloris client on real Kestrel on loopback: whatever it sends, slowly, its connection is closed within the
/// limits, while it is still sending. The headers timeout and the connection limit are lowered here so that the tests
/// take seconds; the production values are checked apart.
public sealed class SlowClientTests(ITestOutputHelper output)
{
    /// How long a client waits for an answer.
    static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(60);

    /// The slow header takes 20 s to send, less than Kestrel's own timeout of 30 s.
    [Fact]
    public async Task HeadersSentAByteAtATimeAreCutOffAtTheHeadersTimeout()
    {
        await using var app = new LimitedApp(("Kestrel:Limits:RequestHeadersTimeout", "00:00:01"));
        await app.InitializeAsync();
        using var client = await SlowClient.ConnectAsync(app.StartKestrel());

        var answer = await client.TrickleUntilClosedAsync("GET / HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: " + new string('a', 200));

        output.WriteLine($"closed after {answer.Sending.TotalSeconds:0.0} s");
        Assert.True(answer.ClosedWhileSending, "The server let the slow headers go on.");
        Assert.StartsWith("HTTP/1.1 408 Request Timeout", answer.Received, StringComparison.Ordinal);
    }

    [Fact]
    /// Kestrel's own minimum (240 bytes/s after 5 s), which the app keeps.
    public async Task ABodyTrickledBelowTheMinimumRateIsCutOff()
    {
        await using var app = new LimitedApp();
        await app.InitializeAsync();
        using var client = await SlowClient.ConnectAsync(app.StartKestrel());

        // The sign-in form's antiforgery check reads the whole form, as any form post does.
        var answer = await client.TrickleUntilClosedAsync(
            "POST /account/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n",
            "a=" + new string('a', 99_998));

        output.WriteLine($"closed after {answer.Sending.TotalSeconds:0.0} s");
        Assert.True(answer.ClosedWhileSending, "The server let the slow body go on.");
        // The form's reading fails with Kestrel's 408, which the page answers as a bad form.
        Assert.StartsWith("HTTP/1.1 400 Bad Request", answer.Received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsPastTheLimitAreClosedAtOnceAndAcceptedAgainWhenOthersClose()
    {
        await using var app = new LimitedApp(("Kestrel:Limits:MaxConcurrentConnections", "2"));
        await app.InitializeAsync();
        var site = app.StartKestrel();
        using var first = await SlowClient.ConnectAsync(site);
        using var second = await SlowClient.ConnectAsync(site);
        Assert.StartsWith("HTTP/1.1 200", await first.GetAsync("/healthz"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await second.GetAsync("/healthz"), StringComparison.Ordinal);

        using (var third = await SlowClient.ConnectAsync(site))
        {
            Assert.Equal("", await third.GetAsync("/healthz"));
        }
        first.Dispose();
        string again;
        var tries = 0;
        do
        {
            // Kestrel counts the first connection gone once it has seen it close.
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            using var fourth = await SlowClient.ConnectAsync(site);
            again = await fourth.GetAsync("/healthz");
        }
        while (again.Length == 0 && ++tries < 50);

        Assert.StartsWith("HTTP/1.1 200", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionLimitsBoundSlowHeadersAndOpenConnections()
    {
        await using var app = new LimitedApp();
        await app.InitializeAsync();

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(10_000, limits.MaxConcurrentConnections);
        Assert.Equal((240, TimeSpan.FromSeconds(5)), (limits.MinRequestBodyDataRate!.BytesPerSecond, limits.MinRequestBodyDataRate.GracePeriod));
    }

    sealed class LimitedApp(params (string Key, string Value)[] settings) : StudyHubApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    /// A raw TCP client, since HttpClient cannot send a request slowly.
    sealed class SlowClient : IDisposable
    {
        readonly TcpClient _tcp = new();
        NetworkStream Stream => _tcp.GetStream();

        public static async Task<SlowClient> ConnectAsync(Uri site)
        {
            var client = new SlowClient();
            await client._tcp.ConnectAsync(site.Host, site.Port);
            return client;
        }

        /// Sends <paramref name="quickly"/> at once, then <paramref name="slowly"/> a byte each 100 ms, until the
        /// server closes the connection or the client's patience runs out; returns what the server answered.
        public async Task<(bool ClosedWhileSending, TimeSpan Sending, string Received)> TrickleUntilClosedAsync(string quickly, string slowly)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Stream.WriteAsync(Encoding.ASCII.GetBytes(quickly));
            using var stop = new CancellationTokenSource(ClientPatience);
            var sending = TrickleAsync(Encoding.ASCII.GetBytes(slowly), stop.Token);
            var received = await ReadToCloseAsync(stop.Token);
            var closedWhileSending = !sending.IsCompleted && !stop.IsCancellationRequested;
            await stop.CancelAsync();
            await sending;
            return (closedWhileSending, started.Elapsed, received);
        }

        async Task TrickleAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            try
            {
                foreach (var b in bytes)
                {
                    await Stream.WriteAsync(new[] { b }, cancellationToken);
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
            }
            catch (Exception ended) when (ended is IOException or OperationCanceledException)
            {
                // Closed by the server, or the test is over.
            }
        }

        /// One request on a connection of its own; "" when the server closes it without an answer.
        public async Task<string> GetAsync(string path)
        {
            try
            {
                await Stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
                var buffer = new byte[4096];
                var read = await Stream.ReadAsync(buffer).AsTask().WaitAsync(ClientPatience);
                return Encoding.ASCII.GetString(buffer, 0, read);
            }
            catch (IOException)
            {
                return "";
            }
        }

        async Task<string> ReadToCloseAsync(CancellationToken cancellationToken)
        {
            var received = new MemoryStream();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await Stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (Exception ended) when (ended is IOException or OperationCanceledException)
            {
                // Reset by the server, or never closed.
            }
            return Encoding.ASCII.GetString(received.ToArray());
        }

        public void Dispose() => _tcp.Dispose();
    }
}

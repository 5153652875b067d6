using System.Net;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

/// <see cref="StrictRateLimitApp"/> believes forwarded headers from 10.0.0.0/8 only; `X-Test-Peer` says which address a
/// request comes from, as the network would.
public sealed class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task SignInPostsBeyondTheLimitGetTooManyRequests()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(StrictRateLimitApp.PeerHeader, "192.0.2.10");
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            statuses.Add(await SignInStatusAsync(client, $"nobody{attempt}@example.org"));
        }
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.All(statuses.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task ClientsBehindAKnownProxyAreLimitedEachByTheirOwnAddress()
    {
        var first = await TriesAsync("10.0.0.1", forwardedFor: "203.0.113.1", "proxied-first");
        var second = await TriesAsync("10.0.0.1", forwardedFor: "203.0.113.2", "proxied-second");

        Assert.Equal(StrictRateLimitApp.PermitsPerMinute, first);
        Assert.Equal(StrictRateLimitApp.PermitsPerMinute, second);
    }

    [Fact]
    public async Task AClientThatSendsItsOwnForwardedForIsStillLimitedByItsAddress()
    {
        var allowed = 0;
        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            using var client = Client("198.51.100.7", forwardedFor: $"203.0.113.{100 + attempt}");
            allowed += await SignInStatusAsync(client, $"spoofer{attempt}@example.org") == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(StrictRateLimitApp.PermitsPerMinute, allowed);
    }

    [Fact]
    public async Task TheAddressesOfOneIPv6Slash64ShareALimit()
    {
        var allowed = 0;
        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            using var client = Client($"2001:db8:7:8::{attempt + 1:x}");
            allowed += await SignInStatusAsync(client, $"ipv6-{attempt}@example.org") == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(StrictRateLimitApp.PermitsPerMinute, allowed);
    }

    [Fact]
    public async Task OneAccountIsLimitedWhicheverAddressesTheGuessesComeFrom()
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            using var client = Client($"192.0.2.{50 + attempt}");
            statuses.Add(await SignInStatusAsync(client, "target@example.org"));
        }

        Assert.All(statuses.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    async Task<int> TriesAsync(string peer, string forwardedFor, string account)
    {
        using var client = Client(peer, forwardedFor);
        var allowed = 0;
        for (var attempt = 0; attempt <= StrictRateLimitApp.PermitsPerMinute; attempt++)
        {
            allowed += await SignInStatusAsync(client, $"{account}{attempt}@example.org") == HttpStatusCode.OK ? 1 : 0;
        }
        return allowed;
    }

    HttpClient Client(string peer, string? forwardedFor = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(StrictRateLimitApp.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }

    static async Task<HttpStatusCode> SignInStatusAsync(HttpClient client, string email)
    {
        using var response = await StudyHubApp.SignInAsync(client, email, "wrong password");
        return response.StatusCode;
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

/// An instance that may hold no more circuits: every one it holds already counts against Circuits:Open.
public sealed class FullOfCircuitsApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Circuits:Open", "0");
    }
}

/// A page asking an instance at its limit for a circuit is refused at once, saying when to ask again; below it, the
/// circuit's connection is negotiated as usual.
public sealed class CircuitLimitTests(FullOfCircuitsApp full) : IClassFixture<FullOfCircuitsApp>
{
    [Fact]
    public async Task AnInstanceHoldingAsManyCircuitsAsItMayRefusesTheNext()
    {
        using var client = full.CreateClient();

        using var refused = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
    }
}

public sealed class CircuitNegotiationTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AnInstanceBelowItsLimitNegotiatesACircuit()
    {
        using var client = app.CreateClient();

        using var negotiated = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
    }
}

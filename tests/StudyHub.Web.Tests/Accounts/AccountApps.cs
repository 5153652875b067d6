using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Accounts;

public sealed class OpenRegistrationApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Registration", "Open");
    }
}

public sealed class InviteOnlyApp : StudyHubApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Registration", "InviteOnly");
    }
}

/// Few sign-ins allowed, a reverse proxy's network known, and requests that say which address they come from.
public sealed class StrictRateLimitApp : StudyHubApp
{
    public const int PermitsPerMinute = 3;
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SignInPermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.0/8");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Peer>());
    }

    /// The test server has no network; this gives each request the peer address a real connection would have.
    internal sealed class Peer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader] is [{ } peer])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

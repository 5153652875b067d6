using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace StudyHub.Web.Infrastructure;

/// Which reverse proxies may say who the client is (`ForwardedHeaders:KnownProxies`: addresses and networks, comma
/// separated). Only requests from them have `X-Forwarded-For` and `X-Forwarded-Proto` believed; anyone else could
/// send those headers to pick a fresh address for every sign-in guess.
public static class Proxies
{
    public static void AddProxies(this WebApplicationBuilder builder)
    {
        var known = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Replaces what ASPNETCORE_FORWARDEDHEADERS_ENABLED sets, which is to believe every sender.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in known.Length > 0 ? known : ["127.0.0.0/8", "::1"])
            {
                if (IPNetwork.TryParse(proxy, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
    }

    public static void UseProxies(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    static string[] KnownProxies(IConfiguration configuration)
    {
        var proxies = (configuration["ForwardedHeaders:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wrong = proxies.Where(proxy => !IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _)).ToList();
        return wrong.Count == 0 ? proxies : throw new InvalidOperationException(
            $"ForwardedHeaders:KnownProxies: {string.Join(", ", wrong)} is not an IP address or a network such as 10.0.0.0/8.");
    }
}

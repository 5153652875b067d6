using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace StudyHub.Web.Infrastructure;

/// What one client may cost the instance before Kestrel closes its connection: a bound on slow clients (slowloris:
/// headers sent a byte at a time, a body trickled) and on connections held open in all. Behind nginx, which buffers
/// requests, these rarely bite; they are what an instance exposed on its own relies on (docs/reliability.md,
/// "A slow client holds a connection for seconds").
public static class ClientLimits
{
    /// A browser sends its headers in one packet; even a slow phone link needs well under this.
    static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// Above the live discussion streams allowed (`Discussion:Streams`) with room for readers' requests; each
    /// connection needs a file descriptor, so `ulimit -n` must be higher (deploy/README.md).
    const long MaxConcurrentConnections = 10_000;

    /// Kestrel's own limits otherwise: a body must arrive at 240 bytes/s after 5 s of grace, and an idle keep-alive
    /// connection closes after 130 s, longer than a proxy keeps its idle upstream connections (nginx: 60 s), so that
    /// the proxy closes them first and never sends a request on one the app is closing. `Kestrel:Limits` in the
    /// configuration sets any of them.
    public static void AddClientLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
            kestrel.Limits.MaxConcurrentConnections = MaxConcurrentConnections;
        });
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Web.Features.Annotations;

/// Each open stream of discussion events holds a connection for as long as a reader keeps the note open, so their
/// number is capped per client network (counted as the sign-in limits count them) and in total
/// (`Discussion:StreamsPerClient`, `Discussion:Streams`).
public sealed class LiveStreams(IOptions<DiscussionOptions> options) : IDisposable
{
    /// Long enough for a reader to close a tab or for others to leave.
    const int RetryAfterSeconds = 60;

    readonly PartitionedRateLimiter<string> _perClient = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = options.Value.StreamsPerClient, QueueLimit = 0 }));

    readonly ConcurrencyLimiter _total = new(new ConcurrencyLimiterOptions { PermitLimit = options.Value.Streams, QueueLimit = 0 });

    /// Null when the stream may open, its places then held until the request ends; otherwise the refusal to send.
    public IResult? TryOpen(HttpContext http)
    {
        var client = _perClient.AttemptAcquire(SignInLimits.Network(http.Connection.RemoteIpAddress));
        if (!client.IsAcquired)
        {
            client.Dispose();
            return Refusal(http, StatusCodes.Status429TooManyRequests,
                "Too many live discussions are open from your network. Close some tabs of StudyHub, or reload this page in a minute.");
        }
        var total = _total.AttemptAcquire();
        if (!total.IsAcquired)
        {
            total.Dispose();
            client.Dispose();
            return Refusal(http, StatusCodes.Status503ServiceUnavailable,
                "StudyHub is showing as many live discussions as it can. Reload this page in a minute to see new comments.");
        }
        http.Response.RegisterForDispose(client);
        http.Response.RegisterForDispose(total);
        return null;
    }

    static IResult Refusal(HttpContext http, int status, string message)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: status, detail: message);
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _total.Dispose();
    }
}

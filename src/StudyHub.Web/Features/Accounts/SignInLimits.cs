using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

/// Sign-in, registration and password-reset posts are limited per client network (the rate limiter's
/// `sign-in` policy) and per account address (here, once the form says which), each to
/// `Accounts:SignInPermitsPerMinute`: guesses spread over many addresses still meet the account's limit.
public sealed class SignInLimits(IOptions<AccountOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInPermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    public const string TooMany = "Too many tries for this address just now. Wait a minute, then try again.";

    /// False, with 429 as the answer's status, when this address has had its tries for the minute.
    public bool TryAccount(HttpContext? http, string email)
    {
        using var lease = _accounts.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (!lease.IsAcquired && http is { Response.HasStarted: false })
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        return lease.IsAcquired;
    }

    /// One IPv6 subscriber usually holds a whole /64, so its addresses count as one client.
    public static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public void Dispose() => _accounts.Dispose();
}

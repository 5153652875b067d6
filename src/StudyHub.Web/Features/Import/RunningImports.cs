using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Import;

/// The web imports under way. Each holds its uploaded zip on disk and, while importing, the unpacked vault in memory
/// (up to Import:Limits:MaxTotalBytes), so at most Import:Limits:MaxConcurrentImports run at once and another upload
/// is refused before any of it is read.
public sealed class RunningImports(IOptions<ImportLimits> limits) : IDisposable
{
    /// About as long as an import of a large vault takes.
    public const int RetryAfterSeconds = 60;

    readonly ConcurrencyLimiter _places = new(new ConcurrencyLimiterOptions { PermitLimit = limits.Value.MaxConcurrentImports, QueueLimit = 0 });

    /// A place for one import, held until the lease is disposed; when there is none, the lease is not acquired and the
    /// response carries Retry-After.
    public RateLimitLease TryStart(HttpResponse response)
    {
        var place = _places.AttemptAcquire();
        if (!place.IsAcquired)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        return place;
    }

    public string Busy => limits.Value.MaxConcurrentImports == 1
        ? "Another import is running, and StudyHub runs one at a time. Nothing was uploaded; try again in a minute."
        : $"{limits.Value.MaxConcurrentImports} imports are running, as many as StudyHub runs at once. Nothing was uploaded; try again in a minute.";

    public void Dispose() => _places.Dispose();
}

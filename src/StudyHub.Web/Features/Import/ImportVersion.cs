using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Import;

/// The content version (see ContentVersion), which moves with every import and change of a vault's access, read from
/// the database at most every two seconds.
public sealed class ImportVersion(IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock)
{
    static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    // Unsynchronised on purpose: two requests racing both read the database once, which is harmless.
    string _version = "";
    DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _readAt >= Freshness)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var version = await db.ContentVersions.Select(v => v.Value).SingleAsync(cancellationToken);
            _version = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _readAt = clock.GetUtcNow();
        }
        return _version;
    }

    /// After an import in this process the next request reads the new version at once.
    public void Forget() => _readAt = DateTimeOffset.MinValue;
}

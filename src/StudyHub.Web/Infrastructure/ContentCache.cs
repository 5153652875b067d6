using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Infrastructure;

/// What readers see is cached in four places, each keyed by the one content version read here: the output cache of
/// reading pages (ReadingCache), the built concept graphs (GraphStore), the note pages' models (NotePages) and the search
/// form's choices (SearchFilters). The database moves the version itself, in the transaction of any write to a table
/// those caches are made from (Data/ContentVersion.cs), so no write path has to remember to retire them.
public sealed class ContentCache(IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock)
{
    /// How stale a process's view of another process's writes may be.
    static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    // Unsynchronised on purpose: two requests racing both read the database once, which is harmless.
    string _version = "";
    DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async ValueTask<string> VersionAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _readAt >= Freshness)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var version = await db.ContentVersions.Select(v => v.Value).SingleAsync(cancellationToken);
                _version = version.ToString(CultureInfo.InvariantCulture);
            }
            // While the database is away nothing can change what readers see: the cached pages stay right and keep answering.
            catch (Exception outage) when (DatabaseOutage.IsOutage(outage) && _version.Length > 0)
            {
            }
            _readAt = clock.GetUtcNow();
        }
        return _version;
    }

    /// After a write in this process the next request reads the new version at once, rather than within two seconds.
    public void Forget() => _readAt = DateTimeOffset.MinValue;
}

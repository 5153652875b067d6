using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Import;

/// The time of the most recent import or change of a vault's access, read from the database at most every two seconds.
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
            var imported = await db.ImportRuns.MaxAsync(r => (DateTimeOffset?)r.FinishedAt, cancellationToken);
            var accessChanged = await db.Vaults.MaxAsync(v => v.AccessChangedAt, cancellationToken);
            var last = imported > accessChanged || accessChanged is null ? imported : accessChanged;
            _version = last?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            _readAt = clock.GetUtcNow();
        }
        return _version;
    }

    /// After an import in this process the next request reads the new version at once.
    public void Forget() => _readAt = DateTimeOffset.MinValue;
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Infrastructure;

/// What readers see is cached in six places, each keyed by the one content version read here: the output cache of
/// reading pages (ReadingCache), the built concept graphs (GraphStore), the note pages' models (NotePages), the search
/// form's choices (SearchFilters), the quick switcher's names (SwitcherIndex) and visitors' discussions
/// (VisitorDiscussions, which the discussion feed also retires). The database moves the version itself, in the transaction of any write to a table
/// those caches are made from (Data/ContentVersion.cs), so no write path has to remember to retire them.
public sealed class ContentCache(IDbContextFactory<StudyHubDbContext> contexts, TimeProvider clock)
{
    /// How stale a process's view of another process's writes may be, while the database answers.
    static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    /// How long a request waits for a due read of the version before it goes on with the last one. One read at a time
    /// asks the database, so one that hangs holds that read for its command timeout, and not every cached page with it.
    static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(200);
    readonly Lock _lock = new();
    string _version = "";
    DateTimeOffset _readAt = DateTimeOffset.MinValue;
    Task<string>? _reading;
    // A write in this process: the read after it must be seen by the requests that follow, so they wait for it in full.
    bool _written;
    bool _readingAfterWrite;

    public async ValueTask<string> VersionAsync(CancellationToken cancellationToken)
    {
        Task<string> reading;
        bool waitInFull;
        lock (_lock)
        {
            if (_reading is null && clock.GetUtcNow() - _readAt < Freshness)
            {
                return _version;
            }
            if (_reading is null)
            {
                // Not the request's token: other requests wait for the same read.
                _reading = Task.Run(ReadAsync, CancellationToken.None);
                _readingAfterWrite = _written;
                _written = false;
            }
            reading = _reading;
            waitInFull = _readingAfterWrite || _version.Length == 0;
        }
        if (waitInFull)
        {
            return await reading.WaitAsync(cancellationToken);
        }
        // Not WaitAsync with a timeout: a read that completed just after the timeout fired turned its TimeoutException
        // into a 500 (28 in a 20-minute soak).
        if (await Task.WhenAny(reading, Task.Delay(Patience, clock, cancellationToken)) == reading)
        {
            return await reading;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return _version;
    }

    async Task<string> ReadAsync()
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var version = (await db.ContentVersions.Select(v => v.Value).SingleAsync()).ToString(CultureInfo.InvariantCulture);
            _version = version;
            return version;
        }
        // While the database is away nothing can change what readers see: the cached pages stay right and keep answering.
        catch (Exception outage) when (DatabaseOutage.IsOutage(outage) && _version.Length > 0)
        {
            return _version;
        }
        finally
        {
            lock (_lock)
            {
                _readAt = clock.GetUtcNow();
                _reading = null;
            }
        }
    }

    /// After a write in this process the next request reads the new version at once, rather than within two seconds.
    public void Forget()
    {
        lock (_lock)
        {
            _readAt = DateTimeOffset.MinValue;
            _reading = null;
            _written = true;
        }
    }
}

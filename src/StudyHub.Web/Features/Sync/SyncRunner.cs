using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Sync;

/// Runs the syncs asked for, one after another, and asks for them itself: on each source's schedule, when a watched
/// folder changes (after a moment's quiet, since an editor saves a file in several writes) and, for every watched
/// folder, at each rescan, since a watcher can miss events (a full buffer, a network file system).
sealed class SyncRunner(SyncRequests queue, IServiceScopeFactory scopes, IDbContextFactory<StudyHubDbContext> contexts,
    IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncRunner> logger) : BackgroundService
{
    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    readonly ConcurrentDictionary<Guid, FolderWatch> _watches = new();
    readonly Dictionary<Guid, DateTimeOffset> _lastScheduled = [];
    readonly SemaphoreSlim _rescan = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.SourcesChanged += OnSourcesChanged;
        try
        {
            await Task.WhenAll(RunSyncsAsync(stoppingToken), RescanAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.SourcesChanged -= OnSourcesChanged;
            foreach (var watch in _watches.Values)
            {
                watch.Dispose();
            }
        }
    }

    void OnSourcesChanged() => _rescan.Release();

    async Task RunSyncsAsync(CancellationToken stoppingToken)
    {
        await foreach (var (vaultId, trigger) in queue.TakeAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<VaultSync>().SyncAsync(vaultId, trigger, stoppingToken);
                logger.LogInformation("Sync of vault {Vault} ({Trigger}): {Outcome}", vaultId, trigger, outcome.Message);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; the next trigger or rescan tries again.
                logger.LogError(failure, "Sync of vault {Vault} ({Trigger}) failed", vaultId, trigger);
            }
        }
    }

    async Task RescanAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, options.Value.RescanSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LookAtSourcesAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(failure, "Looking at the vaults' sources failed");
            }
            await _rescan.WaitAsync(every, stoppingToken);
        }
    }

    async Task LookAtSourcesAsync(CancellationToken stoppingToken)
    {
        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
        var sources = await db.SyncSources.AsNoTracking()
            .Select(s => new { s.Id, s.VaultId, s.Kind, s.Location, s.Watch, s.EveryMinutes }).ToListAsync(stoppingToken);
        var now = clock.GetUtcNow();
        foreach (var source in sources)
        {
            if (source.Watch && !_watches.ContainsKey(source.Id) && Directory.Exists(source.Location))
            {
                _watches[source.Id] = new FolderWatch(source.Location, () => queue.Request(source.VaultId, "watched folder"), Quiet);
                queue.Request(source.VaultId, "watch started");
            }
            else if (source.Watch)
            {
                queue.Request(source.VaultId, "rescan");
            }
            if (source.EveryMinutes is { } minutes
                && (!_lastScheduled.TryGetValue(source.Id, out var last) || now - last >= TimeSpan.FromMinutes(minutes)))
            {
                _lastScheduled[source.Id] = now;
                queue.Request(source.VaultId, "schedule");
            }
        }
        foreach (var gone in _watches.Keys.Except(sources.Where(s => s.Watch).Select(s => s.Id)).ToList())
        {
            if (_watches.TryRemove(gone, out var watch))
            {
                watch.Dispose();
            }
        }
    }

    /// A folder's watcher that calls back once the folder has been quiet for a moment after a change.
    sealed class FolderWatch : IDisposable
    {
        readonly FileSystemWatcher _watcher;
        readonly Timer _quiet;
        readonly TimeSpan _delay;

        public FolderWatch(string folder, Action changed, TimeSpan delay)
        {
            _delay = delay;
            _quiet = new Timer(_ => changed());
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, InternalBufferSize = 64 * 1024 };
            _watcher.Changed += (_, _) => Restart();
            _watcher.Created += (_, _) => Restart();
            _watcher.Deleted += (_, _) => Restart();
            _watcher.Renamed += (_, _) => Restart();
            _watcher.Error += (_, _) => Restart();
            _watcher.EnableRaisingEvents = true;
        }

        void Restart() => _quiet.Change(_delay, Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            _watcher.Dispose();
            _quiet.Dispose();
        }
    }
}

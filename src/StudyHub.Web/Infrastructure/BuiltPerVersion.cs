namespace StudyHub.Web.Infrastructure;

/// Something built in memory from the content as it stands at one content version (ContentCache), kept until the
/// version moves and then built again: the concept graphs, the quick switcher's names. A build runs to its end whoever
/// stops waiting for it, and one version is built once however many readers ask. A reader waits for the first build;
/// after that it waits for a new one only briefly, and otherwise gets the one before it.
public sealed class BuiltPerVersion<T>(Func<CancellationToken, Task<T>> build, ILogger logger, string what, SemaphoreSlim? oneBuildAtATime = null)
    where T : class
{
    /// How long a reader waits for the new build when there is an older one to show instead.
    static readonly TimeSpan FreshWait = TimeSpan.FromSeconds(2);

    sealed record Built(string Version, T Value);

    readonly Lock _starting = new();
    /// Builds that hold a whole vault in memory take turns, so that two of them never double the peak.
    readonly SemaphoreSlim _turn = oneBuildAtATime ?? new(1, 1);
    Built? _current;
    (string Version, Task<T> Task)? _build;

    /// The value of this version, or an older one (Fresh false) while that is built; null while the first is built and
    /// the reader would rather not wait for it.
    public async Task<(T? Value, bool Fresh)> GetAsync(string version, bool waitForFirst, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
        {
            return (current.Value, true);
        }
        var building = Build(version);
        if (current is null && waitForFirst)
        {
            return (await building.WaitAsync(cancellationToken), true);
        }
        await Task.WhenAny(building, Task.Delay(FreshWait, cancellationToken));
        return building.IsCompletedSuccessfully ? (building.Result, true) : (current?.Value, false);
    }

    Task<T> Build(string version)
    {
        lock (_starting)
        {
            if (_build is { } running && running.Version == version && !running.Task.IsFaulted && !running.Task.IsCanceled)
            {
                return running.Task;
            }
            var task = Task.Run(async () =>
            {
                await _turn.WaitAsync();
                try
                {
                    var value = await build(CancellationToken.None);
                    Volatile.Write(ref _current, new Built(version, value));
                    return value;
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Building {What} failed; the next request tries again.", what);
                    throw;
                }
                finally
                {
                    _turn.Release();
                }
            });
            _build = (version, task);
            return task;
        }
    }
}

using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Annotations;

/// Tells the readers of a note that its discussion changed, across every instance of the app: a change is
/// announced with PostgreSQL NOTIFY and each instance LISTENs and wakes the streams watching that note.
/// Only the note's id travels; each reader then asks for what they may see.
public sealed class DiscussionFeed(DatabaseEndpoint database, ILogger<DiscussionFeed> logger) : BackgroundService
{
    const string ChannelName = "studyhub_discussion";

    readonly Lock _lock = new();
    readonly Dictionary<Guid, HashSet<Channel<bool>>> _watchers = [];

    public static async Task AnnounceAsync(StudyHubDbContext db, Guid noteId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ChannelName}, {noteId.ToString()})", cancellationToken);

    /// Changes to the note's discussion from now on, coalesced: a reader that is busy sees one wake-up for many changes.
    public Watcher Watch(Guid noteId)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_lock)
        {
            if (!_watchers.TryGetValue(noteId, out var watchers))
            {
                _watchers[noteId] = watchers = [];
            }
            watchers.Add(changes);
        }
        return new Watcher(changes.Reader, () =>
        {
            lock (_lock)
            {
                if (_watchers.TryGetValue(noteId, out var watchers) && watchers.Remove(changes) && watchers.Count == 0)
                {
                    _watchers.Remove(noteId);
                }
            }
        });
    }

    /// Every change heard, with its note, or null when every note's discussion may have changed unheard.
    public event Action<Guid?>? Changed;

    public sealed class Watcher(ChannelReader<bool> changes, Action stop) : IDisposable
    {
        public ChannelReader<bool> Changes { get; } = changes;

        public void Dispose() => stop();
    }

    void Wake(Guid noteId)
    {
        Changed?.Invoke(noteId);
        lock (_lock)
        {
            if (_watchers.TryGetValue(noteId, out var watchers))
            {
                foreach (var watcher in watchers)
                {
                    watcher.Writer.TryWrite(true);
                }
            }
        }
    }

    void WakeAll()
    {
        Changed?.Invoke(null);
        lock (_lock)
        {
            foreach (var watcher in _watchers.Values.SelectMany(watchers => watchers))
            {
                watcher.Writer.TryWrite(true);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning(exception, "Lost the database connection that carries live discussion updates; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(database.ListenConnectionString);
        connection.Notification += (_, notification) =>
        {
            if (Guid.TryParse(notification.Payload, out var noteId))
            {
                Wake(noteId);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        // Whatever changed while the connection was down was not heard: every watcher looks again.
        WakeAll();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}

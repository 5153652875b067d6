using System.Collections.Concurrent;
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

    readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<bool>, byte>> _watchers = new();

    public static async Task AnnounceAsync(StudyHubDbContext db, Guid noteId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ChannelName}, {noteId.ToString()})", cancellationToken);

    /// Changes to the note's discussion from now on, coalesced: a reader that is busy sees one wake-up for many changes.
    public Watcher Watch(Guid noteId)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _watchers.GetOrAdd(noteId, _ => new()).TryAdd(changes, 0);
        return new Watcher(changes.Reader, () =>
        {
            if (_watchers.TryGetValue(noteId, out var watchers))
            {
                watchers.TryRemove(changes, out _);
            }
        });
    }

    public sealed class Watcher(ChannelReader<bool> changes, Action stop) : IDisposable
    {
        public ChannelReader<bool> Changes { get; } = changes;

        public void Dispose() => stop();
    }

    void Wake(Guid noteId)
    {
        if (_watchers.TryGetValue(noteId, out var watchers))
        {
            foreach (var watcher in watchers.Keys)
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
        await using var connection = new NpgsqlConnection(database.ConnectionString);
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
        foreach (var noteId in _watchers.Keys)
        {
            Wake(noteId);
        }
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Through a transaction pooler a LISTEN succeeds but is never heard, so the live feed listens on a connection string
/// of its own when one is given.
public sealed class ListenConnectionTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheFeedHearsAnnouncementsOnTheListenConnectionNotOnTheMainOne()
    {
        // A notification is heard only in the database it was sent in: a feed listening on the main string listens
        // without error and hears nothing, as behind the pooler.
        await using var main = await TestDatabase.CreateEmptyAsync();
        await using var listen = await TestDatabase.CreateEmptyAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseEndpoint.ConnectionStringName}"] = main.ConnectionString,
            [$"ConnectionStrings:{DatabaseEndpoint.ListenConnectionStringName}"] = listen.ConnectionString,
        }).Build();
        using var endpoint = new DatabaseEndpoint(configuration, new HostingEnvironment { EnvironmentName = Environments.Production },
            NullLogger<DatabaseEndpoint>.Instance);
        using var feed = new DiscussionFeed(endpoint, NullLogger<DiscussionFeed>.Instance);
        var note = Guid.NewGuid();
        using var watcher = feed.Watch(note);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            // Once listening, the feed wakes every watcher to look for what it missed while it was not.
            await watcher.Changes.ReadAsync().AsTask().WaitAsync(Patience);

            await using (var db = listen.CreateContext())
            {
                await DiscussionFeed.AnnounceAsync(db, note, CancellationToken.None);
            }

            Assert.True(await watcher.Changes.ReadAsync().AsTask().WaitAsync(Patience));
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
    }
}

using StudyHub.Web.Features.Sync;

namespace StudyHub.Components.Tests.Sync;

public class SyncRequestsTests
{
    static readonly Guid Course = Guid.CreateVersion7();
    static readonly Guid Other = Guid.CreateVersion7();
    static readonly Guid Later = Guid.CreateVersion7();

    [Fact]
    public async Task ABurstOfPushesBeforeTheSyncStartsIsOneSync()
    {
        var requests = new SyncRequests();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var taken = requests.TakeAsync(patience.Token).GetAsyncEnumerator(patience.Token);

        for (var push = 0; push < 5; push++)
        {
            requests.Request(Course, "push");
        }
        requests.Request(Other, "push");

        Assert.True(await taken.MoveNextAsync());
        Assert.Equal(Course, taken.Current.VaultId);
        Assert.True(await taken.MoveNextAsync());
        Assert.Equal(Other, taken.Current.VaultId);
        requests.Request(Later, "push");
        Assert.True(await taken.MoveNextAsync());
        Assert.Equal(Later, taken.Current.VaultId);
    }

    [Fact]
    public async Task PushesWhileItsSyncRunsAreOneMoreSyncAfterIt()
    {
        var requests = new SyncRequests();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var taken = requests.TakeAsync(patience.Token).GetAsyncEnumerator(patience.Token);
        requests.Request(Course, "push");
        Assert.True(await taken.MoveNextAsync());

        // The sync taken above is running now.
        requests.Request(Course, "push");
        requests.Request(Course, "schedule");
        requests.Request(Course, "push");

        Assert.True(await taken.MoveNextAsync());
        Assert.Equal((Course, "push"), taken.Current);
        requests.Request(Later, "push");
        Assert.True(await taken.MoveNextAsync());
        Assert.Equal(Later, taken.Current.VaultId);
    }
}

using Npgsql;
using StudyHub.Web.Data.LocalPostgres;

namespace StudyHub.Web.Tests;

/// The development cluster is shared by every process started on its folder: the app, and an import or a migration run
/// beside it. It must run until the last of them stops.
public sealed class LocalClusterTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"studyhub-local-cluster-{Guid.NewGuid():N}");

    [Fact]
    public async Task AnImportBesideTheAppLeavesTheAppsDatabaseRunning()
    {
        var app = LocalPostgresCluster.Start(_root);
        var import = LocalPostgresCluster.Start(_root);
        Assert.Equal(app.Port, import.Port);

        Assert.False(import.Stop());
        Assert.Equal(1, await AnswerAsync(app));

        Assert.True(app.Stop());
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => AnswerAsync(app));
    }

    [Fact]
    public async Task AnAppStartedAfterTheLastOneStoppedStartsTheClusterAgain()
    {
        Assert.True(LocalPostgresCluster.Start(_root).Stop());

        var next = LocalPostgresCluster.Start(_root);

        Assert.Equal(1, await AnswerAsync(next));
        Assert.True(next.Stop());
    }

    [Fact]
    public async Task AProcessStartingWhileTheLastOneStopsTheClusterWaitsForTheStop()
    {
        Assert.True(LocalPostgresCluster.Start(_root).Stop());
        // What a process that is stopping the cluster holds until pg_ctl is done.
        var stopping = new FileStream(Path.Combine(_root, "in-use"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var starting = Task.Run(() => LocalPostgresCluster.Start(_root));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(starting.IsCompleted);
        await stopping.DisposeAsync();

        var cluster = await starting;
        Assert.Equal(1, await AnswerAsync(cluster));
        Assert.True(cluster.Stop());
    }

    static async Task<int> AnswerAsync(LocalPostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false;Timeout=5");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => LocalPostgresCluster.Remove(_root);
}

using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using StudyHub.Testing;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Graph;

/// A large vault's graph takes a minute to build after an import. Readers meanwhile get the graph before it, and the page
/// that shows it is not cached as if it were the new one.
public sealed class SlowGraphBuildTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task WhileANewGraphBuildsReadersGetThePreviousOneAndThenTheNew()
    {
        using var vault = new TempVault("slow").Write("Alpha.md", "Links [[Beta]].");
        await app.ImportVaultAsync(vault.Root, "slow");
        Assert.DoesNotContain(await NodesAsync(), id => id == "gamma");
        vault.Write("Gamma.md", "A new note.");
        await app.ImportVaultAsync(vault.Root, "slow");

        // The build reads the links; holding their table makes it as slow as a large vault's.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("""LOCK TABLE "NoteLinks" IN ACCESS EXCLUSIVE MODE""", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        var whileBuilding = await NodesAsync();
        var concepts = await PageAsync("/concepts?kind=unclassified");
        var waited = clock.Elapsed;
        await transaction.CommitAsync();

        Assert.DoesNotContain(whileBuilding, id => id == "gamma");
        Assert.True(waited < TimeSpan.FromSeconds(15), $"Readers waited {waited} for a graph that could not be built.");
        Assert.DoesNotContain("gamma", concepts, StringComparison.Ordinal);
        await WaitForAsync(async () => (await NodesAsync()).Contains("gamma"));
        // The concepts page shown while building was not kept for the new version.
        Assert.Contains("/notes/slow/gamma", await PageAsync("/concepts?kind=unclassified"), StringComparison.Ordinal);
    }

    async Task<List<string>> NodesAsync()
    {
        using var client = app.CreateClient();
        var graph = await client.GetFromJsonAsync<GraphResponse>(new Uri("/api/graph", UriKind.Relative));
        return [.. graph!.Nodes.Select(n => n.Id)];
    }

    async Task<string> PageAsync(string path)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The new graph did not arrive within 30 s of the links being readable.");
            await Task.Delay(200);
        }
    }
}

using System.Diagnostics;
using Npgsql;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Graph;

/// After a start, the first graph of a large vault takes a minute to build; a note page does not wait for it, shows no
/// connections meanwhile, and is not cached without them.
public sealed class FirstGraphBuildTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ANotePageShowsWithoutItsConnectionsUntilTheFirstGraphIsBuilt()
    {
        using var vault = new TempVault("first").Write("Alpha.md", "Links [[Beta]].");
        await app.ImportVaultAsync(vault.Root, "first");

        // The build reads the concept corrections last; holding their table makes it as slow as a large vault's.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("""LOCK TABLE "ConceptCorrections" IN ACCESS EXCLUSIVE MODE""", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        var whileBuilding = await PageAsync("/notes/first/alpha");
        var waited = clock.Elapsed;
        await transaction.CommitAsync();

        Assert.Contains("Links", whileBuilding, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"local-graph\"", whileBuilding, StringComparison.Ordinal);
        Assert.True(waited < TimeSpan.FromSeconds(15), $"The note page waited {waited} for a graph that could not be built.");
        var after = Stopwatch.StartNew();
        while (!(await PageAsync("/notes/first/alpha")).Contains("class=\"local-graph\"", StringComparison.Ordinal))
        {
            Assert.True(after.Elapsed < TimeSpan.FromSeconds(30), "The note page never showed its connections: was it cached without them?");
            await Task.Delay(200);
        }
    }

    async Task<string> PageAsync(string path)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}

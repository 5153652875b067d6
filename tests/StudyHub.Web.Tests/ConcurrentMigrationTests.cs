using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

/// Several instances of a new version starting at once against a database none of them has migrated yet.
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task MigrateCommandsStartedTogetherApplyEachMigrationOnceAndMakeOneKey()
    {
        await using var empty = await TestDatabase.CreateEmptyAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = empty.ConnectionString,
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => AdminCommandTests.RunAppAsync(["migrate"], environment)));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output));
        await using var db = empty.CreateContext();
        var applied = await db.Database.SqlQuery<string>($"""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync();
        Assert.Equal(db.Database.GetMigrations().Order(), applied.Order());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The instances that start next all read this one key, rather than each making its own.
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task MigrateCreatesADatabaseThatDoesNotExistYet()
    {
        await using var server = await TestDatabase.CreateEmptyAsync();
        var missing = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = $"studyhub_missing_{Guid.NewGuid():N}", Pooling = false };
        try
        {
            var result = await AdminCommandTests.RunAppAsync(["migrate"], new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__StudyHub"] = missing.ConnectionString,
            });

            Assert.True(result.ExitCode == 0, result.Output);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{missing.Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

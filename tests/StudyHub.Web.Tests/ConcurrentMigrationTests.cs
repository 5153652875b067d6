using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

/// Several instances of a new version starting at once against a database none of them has migrated yet.
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task MigrateCommandsStartedTogetherApplyEachMigrationOnce()
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
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

/// The import command killed while it writes, as by a power cut or an out-of-memory kill: its transaction goes with it,
/// and running it again imports the vault.
public sealed class KilledImportTests
{
    const int Notes = 3_000;

    [Fact]
    public async Task AnImportKilledWhileItWritesLeavesNothingBehindAndRunsAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var vault = new TempVault("killed");
        var filler = string.Concat(Enumerable.Repeat("Late fusion combines just the scores of each modality. ", 20));
        for (var i = 0; i < Notes; i++)
        {
            vault.Write($"Note {i}.md", $"# Note {i}\n\nSee [[Note {(i + 1) % Notes}]] #topic{i % 50}\n\n{filler}\n");
        }
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__StudyHub"] = database.ConnectionString,
        };

        using (var import = AdminCommandTests.StartApp(["import", vault.Root], environment))
        {
            // The imports' lock is taken once the files are read and held until the transaction ends; a second later the
            // import is writing notes.
            await WaitForAsync(() => ImportLockHeldAsync(database), import);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(import.HasExited, "The import finished before it could be killed; give it a larger vault.");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }

        await WaitForAsync(async () => !await ImportLockHeldAsync(database), null);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.Vaults.CountAsync());
            Assert.Equal(0, await db.Notes.IgnoreQueryFilters().CountAsync());
            Assert.Equal(0, await db.ImportRuns.CountAsync());
        }
        var again = await AdminCommandTests.RunAppAsync(["import", vault.Root], environment);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"Vault \"killed\": {Notes} new", again.Output, StringComparison.Ordinal);
    }

    /// The advisory lock of ImportDatabase.WaitForOtherImportsAsync, as pg_locks shows a 64-bit key: its two halves.
    static async Task<bool> ImportLockHeldAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                AND classid = {ImportDatabase.ImportLock >> 32}::oid AND objid = {ImportDatabase.ImportLock & 0xFFFF_FFFF}::oid) AS "Value"
            """).SingleAsync();
    }

    static async Task WaitForAsync(Func<Task<bool>> condition, Process? running)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(running is not { HasExited: true }, "The import ended before it took the imports' lock.");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "Waited a minute for the imports' lock.");
            await Task.Delay(50);
        }
    }
}

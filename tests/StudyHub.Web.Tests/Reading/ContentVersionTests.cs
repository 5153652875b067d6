using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Graph;

namespace StudyHub.Web.Tests.Reading;

/// Every cache of what readers see is keyed by the content version, which the database moves with each write to a
/// table those pages are made from; these tests fail when a table is left out, or a write does not move it.
public sealed class ContentVersionTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    /// Tables no cached reading page is made from, each with why; a new table belongs here or in ContentVersion.ShownTables.
    static readonly Dictionary<string, string> NotShownTables = new()
    {
        ["Annotations"] = "the discussion is never cached (ReadingCache.ExcludeFromReadingCache)",
        ["Comments"] = "the discussion is never cached",
        ["NoteShares"] = "requests carrying a share link are never cached",
        ["NoteRevisions"] = "history is not shown on reading pages",
        ["NoteSlugHistory"] = "old addresses answer 301, which the cache does not keep",
        ["ImportRuns"] = "import reports are for signed-in admins, who are never served from the cache",
        ["SearchWords"] = "search is not cached",
        ["AttachmentContents"] = "bytes are addressed by their hash, so new bytes are a new row another table names",
        ["ContentVersions"] = "the version itself",
        ["SyncSources"] = "a vault's source and last sync are shown to admins, who are never served from the cache",
        ["SyncManifest"] = "what the last sync read, for the next one to compare with; never shown",
        ["Invites"] = "accounts", ["DataProtectionKeys"] = "keys",
        ["AspNetUsers"] = "accounts", ["AspNetRoles"] = "accounts", ["AspNetUserRoles"] = "accounts", ["AspNetUserClaims"] = "accounts",
        ["AspNetUserLogins"] = "accounts", ["AspNetUserTokens"] = "accounts", ["AspNetRoleClaims"] = "accounts",
    };

    [Fact]
    public async Task EveryTableIsEitherBehindTheCachedPagesOrSaysWhyNot()
    {
        await using var db = await ContextAsync();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet();

        Assert.Empty(tables.Except(ContentVersion.ShownTables).Except(NotShownTables.Keys));
        Assert.Empty(ContentVersion.ShownTables.Intersect(NotShownTables.Keys));
    }

    [Fact]
    public async Task EveryTableBehindTheCachedPagesMovesTheVersionWhenWritten()
    {
        await using var db = await ContextAsync();
        foreach (var table in ContentVersion.ShownTables)
        {
            var before = await VersionAsync(db);
            // A statement that changes no row still says the table was written to; what matters is that none slips by.
            var write = $"""DELETE FROM "{table}" WHERE false""";
            await db.Database.ExecuteSqlRawAsync(write);

            Assert.True(await VersionAsync(db) == before + 1, $"A write to {table} did not move the content version.");
        }
    }

    [Fact]
    public async Task ATransactionMovesTheVersionOnceAndATableNotShownLeavesIt()
    {
        await using var db = await ContextAsync();
        var before = await VersionAsync(db);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = "Title" WHERE false""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Vaults" SET "Name" = "Name" WHERE false""");
            await transaction.CommitAsync();
        }
        var afterTransaction = await VersionAsync(db);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Comments" WHERE false""");

        Assert.Equal(before + 1, afterTransaction);
        Assert.Equal(afterTransaction, await VersionAsync(db));
    }

    [Fact]
    public async Task ARolledBackWriteLeavesTheVersion()
    {
        await using var db = await ContextAsync();
        var before = await VersionAsync(db);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = "Title" WHERE false""");
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await VersionAsync(db));
    }

    [Fact]
    public async Task ACorrectionRetiresTheBuiltGraph()
    {
        await app.ImportSampleVaultAsync();
        using var scope = app.Services.CreateScope();
        var graph = scope.ServiceProvider.GetRequiredService<GraphStore>();
        var before = await graph.GetAsync();

        await scope.ServiceProvider.GetRequiredService<ConceptCorrections>().CorrectAsync("alec-radford", NodeKind.Organization, []);

        Assert.NotSame(before, await graph.GetAsync());
    }

    async Task<StudyHubDbContext> ContextAsync() =>
        (await app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>().CreateDbContextAsync()).ReadingAsSystem();

    static Task<long> VersionAsync(StudyHubDbContext db) => db.ContentVersions.Select(v => v.Value).SingleAsync();
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

/// An import that brings at least as many links as are stored checks their keys once and builds their indexes after
/// copying them, instead of row by row (ImportDatabase.BulkLinks). These run on databases of their own so that the
/// first import is bulk.
public sealed class BulkImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ABulkFirstImportIsSearchableKeepsItsLinkKeysAndIndexesAndTakesNewNotesLater()
    {
        using var vault = LinkedVault.Write("bulk", notes: 600);
        var keys = await LinkedVault.LinkKeysAndIndexesAsync(app);

        var first = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(600, first.NotesAdded);
        Assert.Empty(first.UnresolvedLinks);
        Assert.Equal(keys, await LinkedVault.LinkKeysAndIndexesAsync(app));
        await using var db = app.Database.CreateContext();
        Assert.Equal(6_000, await db.NoteLinks.CountAsync(l => l.TargetNoteId != null));
        Assert.Contains("href=\"/notes/bulk/topics/topic-042\"", await SearchAsync("quokka042"), StringComparison.Ordinal);

        vault.Write("Later/Wombat.md", "# Wombat\n\nThe wombat burrows. See [[Topic 042]] and [[Topic 007]].");
        var again = await app.ImportVaultAsync(vault.Root);

        Assert.Equal((1, 600), (again.NotesAdded, again.NotesUnchanged));
        Assert.Contains("href=\"/notes/bulk/later/wombat\"", await SearchAsync("burrows"), StringComparison.Ordinal);
        Assert.Contains("href=\"/notes/bulk/topics/topic-042\"", await SearchAsync("quokka042"), StringComparison.Ordinal);
        Assert.Equal(6_002, await db.NoteLinks.CountAsync(l => l.TargetNoteId != null));
    }

    async Task<string> SearchAsync(string query)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri($"/search?q={Uri.EscapeDataString(query)}", UriKind.Relative));
    }
}

public sealed class FailedBulkImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AnImportThatFailsWhileTheLinkKeysAndIndexesAreDroppedLeavesNothingBehind()
    {
        await using var db = app.Database.CreateContext();
        // A link the database refuses, and which says whether the keys and indexes were dropped when it came.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'poison refused, link keys %, % link indexes', CASE WHEN EXISTS (
                    SELECT 1 FROM pg_constraint WHERE contype = 'f' AND conrelid = '"NoteLinks"'::regclass) THEN 'present' ELSE 'dropped' END,
                    (SELECT count(*) FROM pg_index WHERE indrelid = '"NoteLinks"'::regclass);
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON "NoteLinks" FOR EACH ROW WHEN (NEW."TargetText" = 'Poison') EXECUTE FUNCTION refuse_poison();
            """);
        using var vault = LinkedVault.Write("poisoned", notes: 600).Write("Zz last.md", "# Last\n\n[[Poison]]");
        var keys = await LinkedVault.LinkKeysAndIndexesAsync(app);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.ImportVaultAsync(vault.Root));

        Assert.Contains("poison refused, link keys dropped, 1 link indexes", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(keys, await LinkedVault.LinkKeysAndIndexesAsync(app));
        Assert.Equal((0, 0, 0, 0, 0), (await db.Vaults.CountAsync(), await db.Notes.CountAsync(), await db.NoteRevisions.CountAsync(),
            await db.NoteLinks.CountAsync(), await db.NoteTimestamps.CountAsync()));

        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_poison ON \"NoteLinks\"");
        var report = await app.ImportVaultAsync(vault.Root);
        Assert.Equal(601, report.NotesAdded);
    }
}

/// Notes "Topic 000" … that link to ten others each, with a word of their own ("quokka042") to search for.
static class LinkedVault
{
    public static TempVault Write(string name, int notes)
    {
        Assert.True(notes * 10 >= ImportDatabase.BulkLinks, "enough links for a bulk import");
        var vault = new TempVault(name);
        for (var i = 0; i < notes; i++)
        {
            var links = string.Join(" ", Enumerable.Range(1, 10).Select(step => $"[[Topic {(i + step * 7) % notes:D3}]]"));
            vault.Write($"Topics/Topic {i:D3}.md", $"# Topic {i:D3}\n\nAbout quokka{i:D3} at 1:{i % 60:D2}. Related: {links}\n");
        }
        return vault;
    }

    /// The foreign keys and indexes of the links table as PostgreSQL states them.
    public static async Task<List<string>> LinkKeysAndIndexesAsync(StudyHubApp app)
    {
        await using var db = app.Database.CreateContext();
        var keysAndIndexes = await db.Database.SqlQuery<string>($"""
            SELECT conname || ' ' || pg_get_constraintdef(oid) AS "Value" FROM pg_constraint
            WHERE contype = 'f' AND conrelid = '"NoteLinks"'::regclass
            UNION ALL
            SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = '"NoteLinks"'::regclass
            ORDER BY 1
            """).ToListAsync();
        Assert.Equal(6, keysAndIndexes.Count); // two keys; the primary key and three indexes
        return keysAndIndexes;
    }
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Data;

namespace StudyHub.Web.Tests.Import;

public sealed class ReimportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ReimportingAnUnchangedVaultWritesNothing()
    {
        using var vault = new TempVault("unchanged")
            .Write("A.md", "# A\n\nLinks to [[B]] and [[Nowhere]].")
            .Write("B.md", "# B\n\nBack to [[A]] at 1:02:03.")
            .Write("img/pic.png", [0x89, 0x50, 0x4E, 0x47]);
        await app.ImportVaultAsync(vault.Root);
        var before = await SnapshotAsync("unchanged");

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal((0, 0, 2, 0, 0), (report.NotesAdded, report.NotesChanged, report.NotesUnchanged, report.NotesRenamed, report.NotesRemoved));
        Assert.Equal((1, 0, 0, 0), (report.Attachments, report.AttachmentsAdded, report.AttachmentsChanged, report.AttachmentsRemoved));
        Assert.Equal(before, await SnapshotAsync("unchanged"));
    }

    /// Planned without statistics, the graph's links query took 37 s at 10,000 notes until autovacuum came by.
    [Fact]
    public async Task AnImportLeavesThePlannerCurrentStatisticsOfTheTablesItFilled()
    {
        using var vault = new TempVault("counted");
        for (var i = 0; i < 40; i++)
        {
            vault.Write($"Note {i}.md", $"# Note {i}\n\nSee [[Note {(i + 1) % 40}]] and [[Note {(i + 2) % 40}]] at 1:0{i % 10}.");
        }

        await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        foreach (var table in new[] { "Notes", "NoteLinks", "NoteTimestamps", "NoteRevisions", "SwitcherNames" })
        {
            var count = "SELECT count(*) AS \"Value\" FROM \"" + table + "\"";
            var rows = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
            var estimated = await db.Database.SqlQuery<float>($"SELECT reltuples AS \"Value\" FROM pg_class WHERE oid = to_regclass({'"' + table + '"'})").SingleAsync();
            Assert.True(rows > 0 && estimated == rows, $"{table}: {rows} rows, the planner counts {estimated}");
        }
    }

    /// ANALYZE samples the whole tables, 2.4 s after a sync of one edited note at 10,000 notes; autovacuum refreshes them after small changes.
    [Fact]
    public async Task OnlyAnImportThatChangesMuchOfItsVaultRefreshesTheStatistics()
    {
        using var vault = new TempVault("sampled");
        for (var i = 0; i < 40; i++)
        {
            vault.Write($"Note {i}.md", $"# Note {i}\n\nFirst words.");
        }
        await app.ImportVaultAsync(vault.Root);
        var analyzed = await TimesNotesAnalyzedAsync();

        vault.Write("Note 0.md", "# Note 0\n\nEdited once.");
        await app.ImportVaultAsync(vault.Root);
        var afterOneEdit = await TimesNotesAnalyzedAsync();
        for (var i = 0; i < 4; i++)
        {
            vault.Write($"Note {i}.md", $"# Note {i}\n\nEdited twice.");
        }
        await app.ImportVaultAsync(vault.Root);

        Assert.Equal((analyzed, analyzed + 1), (afterOneEdit, await TimesNotesAnalyzedAsync()));
    }

    async Task<long> TimesNotesAnalyzedAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.Database.SqlQuery<long>($"SELECT analyze_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'Notes'").SingleAsync();
    }

    [Fact]
    public async Task ANoteWithoutAHeadingIsTitledByItsWholeFileName()
    {
        using var vault = new TempVault("dotted").Write("Models/GPT-3.5.md", "Text only.").Write("v1.2 notes.md", "More text.");

        await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        var titles = await db.Notes.Where(n => n.Vault.Name == "dotted").OrderBy(n => n.Path).Select(n => n.Title).ToListAsync();
        Assert.Equal(["GPT-3.5", "v1.2 notes"], titles);
    }

    [Fact]
    public async Task EditingOneFileAddsExactlyOneRevision()
    {
        using var vault = new TempVault("edited").Write("A.md", "first").Write("B.md", "other");
        await app.ImportVaultAsync(vault.Root);

        vault.Write("A.md", "second");
        var report = await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        var revisions = await db.NoteRevisions.Where(r => db.Notes.Any(n => n.Id == r.NoteId && n.Vault.Name == "edited"))
            .OrderBy(r => r.Path).ThenBy(r => r.Number).Select(r => new { r.Path, r.Number, r.Markdown }).ToListAsync();
        Assert.Equal((0, 1, 1), (report.NotesAdded, report.NotesChanged, report.NotesUnchanged));
        Assert.Equal([("A.md", 1, "first"), ("A.md", 2, "second"), ("B.md", 1, "other")], revisions.Select(r => (r.Path, r.Number, r.Markdown)));
    }

    [Fact]
    public async Task DeletedFilesLeaveTheViewButKeepTheirHistory()
    {
        using var vault = new TempVault("deleted").Write("Gone.md", "# Gone\n\nsoon gone").Write("Stays.md", "[[Gone]]");
        await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        var slug = await db.Notes.Where(n => n.Path == "Gone.md" && n.Vault.Name == "deleted").Select(n => n.Slug).SingleAsync();

        vault.Delete("Gone.md");
        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(1, report.NotesRemoved);
        Assert.Equal(1, await db.Vaults.Where(v => v.Name == "deleted").Select(v => v.NoteCount).SingleAsync());
        var gone = await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Include(n => n.Revisions).SingleAsync(n => n.Slug == slug);
        Assert.NotNull(gone.DeletedAt);
        Assert.Single(gone.Revisions);
        using var client = app.CreateClient();
        using var page = await client.GetAsync(new Uri($"/notes/{slug}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        var link = await db.NoteLinks.SingleAsync(l => l.TargetText == "Gone" && db.Notes.Any(n => n.Id == l.NoteId && n.Vault.Name == "deleted"));
        Assert.Null(link.TargetNoteId);
    }

    [Fact]
    public async Task ARenamedFileWithTheSameContentKeepsItsIdentityAndItsLinks()
    {
        using var vault = new TempVault("renamed").Write("Old name.md", "# Kept\n\nbody").Write("Linker.md", "See [[Old name]].");
        await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        var before = await db.Notes.SingleAsync(n => n.Path == "Old name.md" && n.Vault.Name == "renamed");

        vault.Move("Old name.md", "Folder/New name.md").Write("Linker.md", "See [[New name]].");
        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal((1, 1, 0), (report.NotesRenamed, report.NotesChanged, report.NotesRemoved));
        var after = await db.Notes.AsNoTracking().SingleAsync(n => n.Id == before.Id);
        Assert.Equal(("Folder/New name.md", "New name", null), (after.Path, after.Title, after.DeletedAt));
        var link = await db.NoteLinks.SingleAsync(l => l.TargetText == "New name");
        Assert.Equal(before.Id, link.TargetNoteId);
    }

    [Fact]
    public async Task TheOldAddressOfARetitledNoteRedirectsPermanently()
    {
        using var vault = new TempVault("permalinks").Write("Permalink before.md", "same words");
        await app.ImportVaultAsync(vault.Root);

        vault.Move("Permalink before.md", "Permalink after.md");
        await app.ImportVaultAsync(vault.Root);

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/notes/permalink-before?t=12", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/notes/permalinks/permalink-after?t=12", response.Headers.Location?.OriginalString);
        using var page = await client.GetAsync(response.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task AVaultImportsFromAZipUnderItsName()
    {
        using var vault = new TempVault("zipped").Write("Notes/A.md", "# A\n![[pic.png]]").Write("pic.png", [1, 2, 3]);
        var zip = vault.Zip();

        var report = await app.ImportVaultAsync(zip, vault: null);

        Assert.Equal(("zipped", 1, 1), (report.Vault, report.NotesAdded, report.AttachmentsAdded));
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Notes.AnyAsync(n => n.Path == "Notes/A.md" && n.Vault.Name == "zipped"));
        Assert.Empty(report.MissingAttachments);
    }

    async Task<List<string>> SnapshotAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        var notes = (await db.Notes.Where(n => n.Vault.Name == vault).OrderBy(n => n.Path)
            .Select(n => new { n.Id, n.Path, n.UpdatedAt, n.ContentHash, n.Html }).ToListAsync())
            .Select(n => $"{n.Id} {n.Path} {n.UpdatedAt:O} {n.ContentHash} {n.Html}");
        var revisions = (await db.NoteRevisions.Where(r => db.Notes.Any(n => n.Id == r.NoteId && n.Vault.Name == vault))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync()).Select(id => $"{id}");
        var links = (await db.NoteLinks.Where(l => db.Notes.Any(n => n.Id == l.NoteId && n.Vault.Name == vault))
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.TargetNoteId }).ToListAsync()).Select(l => $"{l.Id} {l.TargetNoteId}");
        var attachments = (await db.Attachments.Where(a => db.Vaults.Any(v => v.Id == a.VaultId && v.Name == vault))
            .OrderBy(a => a.Path).Select(a => new { a.Id, a.ImportedAt }).ToListAsync()).Select(a => $"{a.Id} {a.ImportedAt:O}");
        // A note rewritten with the same values is a write too: PostgreSQL gives the row a new version (xmin).
        var rowVersions = await db.Database.SqlQuery<string>($"""
            SELECT n.xmin::text AS "Value" FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId" WHERE v."Name" = {vault} ORDER BY n."Path"
            """).ToListAsync();
        return [.. notes, .. rowVersions, .. revisions, .. links, .. attachments];
    }
}

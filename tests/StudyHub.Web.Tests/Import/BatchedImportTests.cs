using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

/// An import reads, renders and writes a few notes at a time (Import:Limits:NotesPerBatch), which must store what one
/// batch of the whole vault stores, and stay one transaction.
public sealed class BatchedImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    internal const string Lecture = "Lectures/Multimodal Deep Learning.md";

    [Fact]
    public async Task ImportingTwoNotesAtATimeStoresWhatOneBatchStores()
    {
        await using var whole = new StudyHubApp();
        await whole.InitializeAsync();
        using var pairs = InBatchesOf(app, 2);
        using var vault = SampleVaultWithAttachments();

        var firstReports = (await ImportAsync(whole, vault.Root), await ImportAsync(pairs, vault.Root));
        await AnnotateAsync(whole);
        await AnnotateAsync(app);
        // Text before the annotated quote moves it; a renamed, a removed and a new note change addresses, links and backlinks.
        vault.Write(Lecture, "A new first paragraph, written after the lecture.\n\n" + File.ReadAllText(Path.Combine(vault.Root, Lecture)));
        vault.Move("Models/CLIP.md", "Models/Contrastive/CLIP.md");
        vault.Delete("Organizations/LAION.md");
        vault.Write("Concepts/Fusion.md", "# Fusion\n\nCompare [[Early Fusion]], [[Middle Fusion]] and [[Late Fusion]]; see [[CLIP]].\n\n![[Late Fusion]]\n");
        var secondReports = (await ImportAsync(whole, vault.Root), await ImportAsync(pairs, vault.Root));

        Assert.Equal(ReportOf(firstReports.Item1), ReportOf(firstReports.Item2));
        Assert.Equal(ReportOf(secondReports.Item1), ReportOf(secondReports.Item2));
        Assert.Equal((1, 1, 1), (secondReports.Item2.NotesRenamed, secondReports.Item2.NotesRemoved, secondReports.Item2.NotesAdded));
        Assert.Single(secondReports.Item2.Transcripts);
        var stored = await StoredAsync(app);
        Assert.Equal(await StoredAsync(whole), stored);
        Assert.Contains("\"Status\":\"Moved\"", stored, StringComparison.Ordinal);
    }

    internal static WebApplicationFactory<Program> InBatchesOf(StudyHubApp app, int notes) =>
        app.WithWebHostBuilder(host => host.UseSetting("Import:Limits:NotesPerBatch", $"{notes}"));

    internal static async Task<ImportReport> ImportAsync(WebApplicationFactory<Program> app, string vault)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultImporter>().ImportAsync(vault, "cs224n", default);
    }

    /// The sample vault with what it lacks: a transcript of the lecture, an image and a note embedded in another.
    internal static TempVault SampleVaultWithAttachments()
    {
        var vault = TempVault.CopyOf(RepositoryFiles.SampleVault);
        var lecture = File.ReadAllText(Path.Combine(vault.Root, Lecture));
        return vault
            .Write("Lectures/Multimodal Deep Learning.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the lecture.\n")
            .Write(Lecture, lecture + "\n\n![[Multimodal Deep Learning.vtt]]\n")
            .Write("Models/clip-diagram.png", [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3])
            .Write("Models/ALIGN.md", File.ReadAllText(Path.Combine(vault.Root, "Models/ALIGN.md")) + "\n\n![[clip-diagram.png]]\n\n![[CLIP]]\n");
    }

    internal static async Task AnnotateAsync(StudyHubApp app)
    {
        await app.CreateUserAsync("reader@example.org");
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Path == Lecture);
        var author = await db.Users.Where(u => u.Email == "reader@example.org").Select(u => u.Id).SingleAsync();
        var quote = note.PlainText.Substring(note.PlainText.Length / 2, 30);
        var anchor = TextAnchor.Of(note.PlainText, note.PlainText.Length / 2, quote.Length);
        db.Annotations.Add(new Annotation
        {
            NoteId = note.Id, AuthorId = author, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = quote.Length, Body = "Why?", RevisionNumber = 1,
        });
        await db.SaveChangesAsync();
    }

    static string ReportOf(ImportReport report)
    {
        report.RunId = Guid.Empty;
        return JsonSerializer.Serialize(report);
    }

    /// What is stored of the vault, a row a line, in terms that two databases share: notes by path rather than by id, links
    /// in their note's order rather than in the order they were written. Left out: ids (a course place ends with its note's,
    /// as a tie-break), the times of imports and edits, and the times the files were saved (two folders written a moment
    /// apart).
    internal static async Task<string> StoredAsync(StudyHubApp app)
    {
        await using var db = app.Database.CreateContext();
        var notes = await db.Notes.IgnoreQueryFilters().OrderBy(n => n.Path).ToListAsync();
        var pathOf = notes.ToDictionary(n => n.Id, n => n.Path);
        string? PathOf(Guid? id) => id is { } known ? pathOf[known] : null;
        var rows = new List<object?>();
        rows.AddRange(notes.Select(n => new
        {
            n.Path, n.Title, n.Slug, n.Address, n.Markdown, n.Html, n.PlainText, n.HeadingsText, n.Prose, n.Reading, n.Kind, n.FrontMatter,
            n.ContentHash, n.Media, n.Tags, n.Aliases, Place = n.CoursePosition.Split('\u0001')[0], Deleted = n.DeletedAt is not null,
        }));
        rows.AddRange((await db.NoteLinks.ToListAsync()).Select(l => new
        {
            Note = PathOf(l.NoteId), Target = PathOf(l.TargetNoteId), l.TargetText, l.TargetSlug, l.TargetAttachmentPath, l.Alias, l.Heading,
            l.BlockId, l.IsEmbed, l.IsAttachment, l.Line, l.Offset, l.Section, l.Context,
        }).OrderBy(l => l.Note, StringComparer.Ordinal).ThenBy(l => l.Offset).ThenBy(l => l.TargetText, StringComparer.Ordinal));
        rows.AddRange((await db.NoteRevisions.ToListAsync()).Select(r => new { Note = PathOf(r.NoteId), r.Number, r.Path, r.ContentHash, r.Markdown })
            .OrderBy(r => r.Note, StringComparer.Ordinal).ThenBy(r => r.Number));
        rows.AddRange((await db.NoteTimestamps.ToListAsync()).Select(t => new { Note = PathOf(t.NoteId), t.Seconds, t.Text, t.Line, t.Offset, t.MediaIndex, t.Context })
            .OrderBy(t => t.Note, StringComparer.Ordinal).ThenBy(t => t.Offset));
        rows.AddRange((await db.NoteSlugHistory.ToListAsync()).Select(h => new { h.Slug, Note = PathOf(h.NoteId) }).OrderBy(h => h.Slug, StringComparer.Ordinal));
        rows.AddRange((await db.Annotations.ToListAsync()).Select(a => new
        {
            Note = PathOf(a.NoteId), a.Quote, a.Prefix, a.Suffix, a.Start, a.Length, Status = a.Status.ToString(), a.RevisionNumber,
        }));
        rows.AddRange((await db.TranscriptCues.ToListAsync()).Select(c => new { Note = PathOf(c.NoteId), c.MediaIndex, c.Start, c.End, c.Text })
            .OrderBy(c => c.Note, StringComparer.Ordinal).ThenBy(c => c.Start));
        rows.AddRange((await db.Attachments.ToListAsync()).Select(a => new { a.Path, a.ContentHash, a.ContentType, a.Size, a.Width, a.Height, a.Duration })
            .OrderBy(a => a.Path, StringComparer.Ordinal));
        rows.AddRange((await db.SwitcherNames.ToListAsync()).Select(n => new { n.Name, Kind = n.Kind.ToString(), n.Title, n.Url, n.Detail, n.LinksIn })
            .OrderBy(n => n.Url, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Kind, StringComparer.Ordinal));
        rows.AddRange((await db.SearchWords.ToListAsync()).Select(w => new { w.Word, w.Notes }).OrderBy(w => w.Word, StringComparer.Ordinal));
        rows.AddRange((await db.VaultTags.ToListAsync()).Select(t => new { t.Tag, t.Notes }).OrderBy(t => t.Tag, StringComparer.Ordinal));
        return string.Join('\n', rows.Select(row => JsonSerializer.Serialize(row)));
    }
}

/// On a database of its own, so that its first import is the vault's first.
public sealed class FailedBatchedImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AnImportThatFailsInItsLastBatchLeavesTheVaultAsItWas()
    {
        using var pairs = BatchedImportTests.InBatchesOf(app, 2);
        using var vault = BatchedImportTests.SampleVaultWithAttachments();
        await using var db = app.Database.CreateContext();
        // A note the database refuses, last in the vault's order, so that every batch before it is written when it comes.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'last note refused'; END $$;
            CREATE TRIGGER refuse_last BEFORE INSERT ON "Notes" FOR EACH ROW WHEN (NEW."Title" = 'Zz last') EXECUTE FUNCTION refuse_last();
            """);
        vault.Write("Zz last.md", "# Zz last\n\nSee [[CLIP]].");

        var failedFirst = await Assert.ThrowsAnyAsync<Exception>(() => BatchedImportTests.ImportAsync(pairs, vault.Root));

        Assert.Contains("last note refused", failedFirst.ToString(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0, 0, 0), (await db.Vaults.CountAsync(), await db.Notes.IgnoreQueryFilters().CountAsync(),
            await db.NoteRevisions.CountAsync(), await db.NoteLinks.CountAsync(), await db.NoteTimestamps.CountAsync(), await db.TranscriptCues.CountAsync()));

        vault.Delete("Zz last.md");
        await BatchedImportTests.ImportAsync(pairs, vault.Root);
        await BatchedImportTests.AnnotateAsync(app);
        var before = await BatchedImportTests.StoredAsync(app);
        vault.Write(BatchedImportTests.Lecture, "A new first paragraph.\n\n" + File.ReadAllText(Path.Combine(vault.Root, BatchedImportTests.Lecture)));
        vault.Move("Models/CLIP.md", "Models/Contrastive/CLIP.md");
        vault.Write("Zz last.md", "# Zz last\n\nSee [[CLIP]].");

        var failedAgain = await Assert.ThrowsAnyAsync<Exception>(() => BatchedImportTests.ImportAsync(pairs, vault.Root));

        Assert.Contains("last note refused", failedAgain.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await BatchedImportTests.StoredAsync(app));
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_last ON \"Notes\"");
        var report = await BatchedImportTests.ImportAsync(pairs, vault.Root);
        Assert.Equal((1, 1, 1), (report.NotesAdded, report.NotesChanged, report.NotesRenamed));
    }
}

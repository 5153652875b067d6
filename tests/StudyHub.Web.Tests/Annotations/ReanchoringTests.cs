using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// Re-importing a vault keeps every annotation: re-anchored, moved, or an orphan with its quote.
public sealed class ReanchoringTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Lecture = """
        # Fusion

        Late fusion combines just the scores. This is what we would now call contrastive models, eg CLIP.

        Early fusion combines the modalities at the very beginning of the network.
        """;

    [Fact]
    public async Task AnnotationsFollowTheirPassageAndAreNeverDropped()
    {
        using var vault = new TempVault("annotated").Write("Lecture.md", Lecture);
        await app.ImportVaultAsync(vault.Root);
        await app.CreateUserAsync("reader@example.org");
        var kept = await AnnotateAsync("contrastive models");
        var edited = await AnnotateAsync("combines just the scores");
        var deleted = await AnnotateAsync("at the very beginning");

        vault.Write("Lecture.md", """
            # Fusion

            An added line first. Late fusion merges just the scores. This is what we would now call contrastive models, eg CLIP.
            """);
        await app.ImportVaultAsync(vault.Root);

        await using var db = app.Database.CreateContext();
        var annotations = await db.Annotations.AsNoTracking().ToDictionaryAsync(a => a.Id);
        var text = await db.Notes.Where(n => n.Path == "Lecture.md" && n.Vault.Name == "annotated").Select(n => n.PlainText).SingleAsync();
        Assert.Equal(3, annotations.Count);
        Assert.Equal((AnchorStatus.Moved, "contrastive models"), (annotations[kept].Status, text.Substring(annotations[kept].Start, annotations[kept].Length)));
        Assert.Equal((AnchorStatus.Moved, "merges just the scores"), (annotations[edited].Status, text.Substring(annotations[edited].Start, annotations[edited].Length)));
        Assert.Equal((AnchorStatus.Orphaned, "at the very beginning"), (annotations[deleted].Status, annotations[deleted].Quote));
    }

    async Task<Guid> AnnotateAsync(string quote)
    {
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Path == "Lecture.md" && n.Vault.Name == "annotated");
        var author = await db.Users.Where(u => u.Email == "reader@example.org").Select(u => u.Id).SingleAsync();
        var anchor = TextAnchor.Of(note.PlainText, note.PlainText.IndexOf(quote, StringComparison.Ordinal), quote.Length);
        var annotation = new Annotation
        {
            NoteId = note.Id, AuthorId = author, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = quote.Length, Body = "A question about this.", RevisionNumber = 1,
        };
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync();
        return annotation.Id;
    }
}

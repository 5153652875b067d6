using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Data;
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
        var annotations = await db.Annotations.AsNoTracking()
            .Where(a => db.Notes.Any(n => n.Id == a.NoteId && n.Vault.Name == "annotated")).ToDictionaryAsync(a => a.Id);
        var text = await db.Notes.Where(n => n.Path == "Lecture.md" && n.Vault.Name == "annotated").Select(n => n.PlainText).SingleAsync();
        Assert.Equal(3, annotations.Count);
        Assert.Equal((AnchorStatus.Moved, "contrastive models"), (annotations[kept].Status, text.Substring(annotations[kept].Start, annotations[kept].Length)));
        Assert.Equal((AnchorStatus.Moved, "merges just the scores"), (annotations[edited].Status, text.Substring(annotations[edited].Start, annotations[edited].Length)));
        Assert.Equal((AnchorStatus.Orphaned, "at the very beginning"), (annotations[deleted].Status, annotations[deleted].Quote));
    }

    /// Annotated and answered through the API, then edited, cut, removed, restored and moved in the vault: after every
    /// import each annotation and each reply is still there, and the replies still answer their annotation.
    [Fact]
    public async Task RepliesStayWithTheirAnnotationsAndTheCountNeverDrops()
    {
        using var vault = new TempVault("threads").Write("Seminar.md", Lecture.Replace("# Fusion", "# Seminar", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);
        await app.CreateUserAsync("student@example.org");
        using var student = await app.ClientAsync("student@example.org");
        var threads = new Dictionary<Guid, Guid[]>();
        foreach (var quote in new[] { "contrastive models", "combines just the scores", "at the very beginning" })
        {
            var annotation = await PostAsync(student, "api/notes/seminar/annotations", new { quote, body = $"About {quote}?", visibility = "Members" });
            threads[annotation] =
            [
                await PostAsync(student, $"api/annotations/{annotation}/replies", new { body = $"A first answer on {quote}." }),
                await PostAsync(student, $"api/annotations/{annotation}/replies", new { body = $"A second answer on {quote}." }),
            ];
        }
        await PostAsync(student, "api/notes/seminar/comments", new { body = "On the whole note." });
        var counts = new List<string> { await CountAsync("annotated") };

        vault.Write("Seminar.md", "# Seminar\n\nAn added line first. Late fusion merges just the scores. This is what we would now call contrastive models, eg CLIP.");
        await app.ImportVaultAsync(vault.Root);
        counts.Add(await CountAsync("edited"));
        vault.Write("Seminar.md", "# Seminar\n\nNothing of what was said.");
        await app.ImportVaultAsync(vault.Root);
        counts.Add(await CountAsync("cut"));
        vault.Delete("Seminar.md").Write("Other.md", "# Other\n\nSomething else.");
        await app.ImportVaultAsync(vault.Root);
        counts.Add(await CountAsync("removed"));
        vault.Write("Seminar.md", Lecture.Replace("# Fusion", "# Seminar", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);
        counts.Add(await CountAsync("restored"));
        vault.Move("Seminar.md", "Archive/Seminar.md");
        await app.ImportVaultAsync(vault.Root);
        counts.Add(await CountAsync("moved"));

        string[] steps = ["annotated", "edited", "cut", "removed", "restored", "moved"];
        Assert.Equal(steps.Select(step => $"{step}: 3 annotations, 6 replies, 1 comment"), counts);
        var listed = await student.GetFromJsonAsync<JsonElement[]>(new Uri("/api/notes/seminar/annotations", UriKind.Relative));
        Assert.Equal(threads.Select(t => $"{t.Key}: {string.Join(", ", t.Value)}").Order(),
            listed!.Select(a => $"{a.GetProperty("id")}: {string.Join(", ", a.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("id")))}").Order());
    }

    [Fact]
    public async Task ANoteMovedAndEditedInOneGoKeepsItsIdentityAndItsAnnotations()
    {
        const string Before = "# Lecture four\n\nLate fusion combines just the scores.\n\nEarly fusion mixes the inputs.\n\nCLIP is contrastive.\n\nFlamingo is not.\n";
        using var vault = new TempVault("restructured").Write("Lecture.md", Before).Write("Unrelated.md", "# Unrelated\n\nNothing alike.\n");
        await app.ImportVaultAsync(vault.Root);
        await app.CreateUserAsync("mover@example.org");
        using var reader = await app.ClientAsync("mover@example.org");
        var slug = await SlugAsync("Lecture.md");
        var annotation = await PostAsync(reader, $"api/notes/{slug}/annotations", new { quote = "CLIP is contrastive", body = "Why?", visibility = "Members" });

        vault.Move("Lecture.md", "Term 2/Lecture 4.md").Write("Term 2/Lecture 4.md", Before.Replace("Flamingo is not.", "Flamingo is not, it is generative.", StringComparison.Ordinal))
            .Move("Unrelated.md", "Elsewhere.md").Write("Elsewhere.md", "# Elsewhere\n\nEntirely new words.\n");
        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal((1, 1, 1), (report.NotesRenamed, report.NotesAdded, report.NotesRemoved));
        await using var db = app.Database.CreateContext();
        var moved = await db.Notes.SingleAsync(n => n.Vault.Name == "restructured" && n.Path == "Term 2/Lecture 4.md");
        var kept = await db.Annotations.SingleAsync(a => a.Id == annotation);
        Assert.Equal((moved.Id, AnchorStatus.Anchored), (kept.NoteId, kept.Status));
        Assert.Equal("CLIP is contrastive", moved.PlainText.Substring(kept.Start, kept.Length));
        Assert.Null(moved.DeletedAt);
    }

    /// The reported bug: the author replaced a short phrase and kept the sentence, and the annotation moved onto the new
    /// words. Now only its quote places it: gone, it is listed as an orphan with its quote and no highlight, while an
    /// annotation whose words are still there is highlighted on them.
    [Fact]
    public async Task AShortPassageReplacedInAnUnchangedSentenceIsAnOrphanNotTheNewWords()
    {
        using var vault = new TempVault("replaced").Write("Lecture.md", Lecture);
        await app.ImportVaultAsync(vault.Root);
        await app.CreateUserAsync("replacer@example.org");
        using var reader = await app.ClientAsync("replacer@example.org");
        var slug = await SlugAsync("Lecture.md", "replaced");
        var replaced = await PostAsync(reader, $"api/notes/{slug}/annotations", new { quote = "just the scores", body = "Which scores?", visibility = "Members" });
        var kept = await PostAsync(reader, $"api/notes/{slug}/annotations", new { quote = "contrastive models", body = "Like CLIP?", visibility = "Members" });

        vault.Write("Lecture.md", Lecture.Replace("just the scores", "only the logits", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);

        var listed = (await reader.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative)))!
            .ToDictionary(a => a.GetProperty("id").GetGuid());
        Assert.Equal(("Orphaned", "just the scores", JsonValueKind.Null),
            (listed[replaced].GetProperty("status").GetString(), listed[replaced].GetProperty("quote").GetString(), listed[replaced].GetProperty("highlight").ValueKind));
        var highlight = listed[kept].GetProperty("highlight");
        await using var db = app.Database.CreateContext();
        var text = await db.Notes.Where(n => n.Slug == slug).Select(n => n.PlainText).SingleAsync();
        var words = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(("contrastive models", "contrastivemodels"),
            (highlight.GetProperty("text").GetString(), words[highlight.GetProperty("from").GetInt32()..highlight.GetProperty("to").GetInt32()]));
    }

    async Task<string> SlugAsync(string path, string vault = "restructured")
    {
        await using var db = app.Database.CreateContext();
        return await db.Notes.Where(n => n.Path == path && n.Vault.Name == vault).Select(n => n.Slug).SingleAsync();
    }

    async Task<string> CountAsync(string step)
    {
        await using var db = app.Database.CreateContext();
        // A removed note keeps its discussion for when it comes back, so removed notes are counted too.
        var notes = db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Where(n => n.Vault.Name == "threads").Select(n => n.Id);
        var annotations = db.Annotations.Where(a => notes.Contains(a.NoteId));
        var replies = await db.Comments.CountAsync(c => c.AnnotationId != null && annotations.Any(a => a.Id == c.AnnotationId));
        var comments = await db.Comments.CountAsync(c => c.AnnotationId == null && notes.Contains(c.NoteId));
        return $"{step}: {await annotations.CountAsync()} annotations, {replies} replies, {comments} comment{(comments == 1 ? "" : "s")}";
    }

    static async Task<Guid> PostAsync(HttpClient client, string path, object content)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/{path}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
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

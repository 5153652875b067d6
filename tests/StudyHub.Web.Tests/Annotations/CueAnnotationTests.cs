using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Annotations;

/// Annotations on what was said in a recording (a transcript cue) over the API: quoted as the transcript says it, at
/// the cue's moment, seen by the same rules as passages, and kept across re-imports by the transcript, not the note.
public sealed class CueAnnotationTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Lecture = "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: talk.vtt\n---\n# Brewing\n\nThe key idea comes at 0:06.\n";

    const string Vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>Welcome to the lecture on zymurgy.\n\n"
        + "00:00:05.500 --> 00:00:09.000\nFermentation turns sugar into <i>alcohol</i> &amp; gas.\n";

    const string Said = "Fermentation turns sugar into alcohol & gas.";

    [Fact]
    public async Task ACueIsQuotedAsTheTranscriptSaysItAtItsMoment()
    {
        using var vault = LectureVault("quoted");
        var slug = await ImportAsync(vault);
        using var reader = await ReaderAsync("quoter@example.org");

        var posted = await PostAsync(reader, slug, new { quote = "Fermentation turns sugar into alcohol &  gas.", body = "Which sugar?", visibility = "Members", cue = new { recording = 0, start = 5500 } });

        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var listed = (await reader.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative)))!.Single();
        Assert.Equal((Said, 5, 0, "Anchored", JsonValueKind.Null),
            (listed.GetProperty("quote").GetString(), listed.GetProperty("mediaSeconds").GetInt32(), listed.GetProperty("cueRecording").GetInt32(),
             listed.GetProperty("status").GetString(), listed.GetProperty("highlight").ValueKind));
    }

    [Theory]
    [InlineData(0, 5600, Said, "cue")]
    [InlineData(1, 5500, Said, "cue")]
    [InlineData(0, 5500, "Fermentation turns sugar into wine.", "quote")]
    public async Task AChoiceOfCueThatIsNotWhatTheTranscriptSaysIsRefusedSayingWhy(int recording, int start, string quote, string field)
    {
        using var vault = LectureVault($"refused-{field}-{recording}-{start}");
        var slug = await ImportAsync(vault);
        using var reader = await ReaderAsync($"refused-{field}-{recording}-{start}@example.org");

        var posted = await PostAsync(reader, slug, new { quote, body = "Which sugar?", visibility = "Members", cue = new { recording, start } });

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.True(posted.Body.GetProperty("errors").TryGetProperty(field, out _), posted.Body.ToString());
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Annotations.AnyAsync(a => db.Notes.Any(n => n.Id == a.NoteId && n.Slug == slug)));
    }

    [Fact]
    public async Task ACueKeepsItsMomentWhateverTheTimeSent()
    {
        using var vault = LectureVault("moment");
        var slug = await ImportAsync(vault);
        using var reader = await ReaderAsync("moment@example.org");

        var sent = await PostAsync(reader, slug, new { quote = Said, body = "Why?", visibility = "Members", mediaSeconds = 40, cue = new { recording = 0, start = 5500 } });
        var posted = await PostAsync(reader, slug, new { quote = Said, body = "Why?", visibility = "Members", cue = new { recording = 0, start = 5500 } });
        using var edited = await reader.PatchAsJsonAsync(new Uri($"/api/annotations/{posted.Body.GetProperty("id").GetGuid()}", UriKind.Relative), new { mediaSeconds = 40 });

        Assert.Equal(HttpStatusCode.BadRequest, sent.Status);
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Equal("An annotation on what was said keeps the moment it was said.",
            (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("mediaSeconds")[0].GetString());
    }

    /// The same rule as passages (Reader.Visible): a private annotation on a cue is its author's alone.
    [Fact]
    public async Task APrivateAnnotationOnACueIsSeenByItsAuthorAlone()
    {
        using var vault = LectureVault("private");
        var slug = await ImportAsync(vault);
        using var author = await ReaderAsync("private-author@example.org");
        using var classmate = await ReaderAsync("private-classmate@example.org");
        using var visitor = await app.ClientAsync(null);

        await PostAsync(author, slug, new { quote = Said, body = "Just for me.", visibility = "OnlyMe", cue = new { recording = 0, start = 5500 } });

        Assert.Single((await author.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative)))!);
        Assert.Empty((await classmate.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative)))!);
        Assert.Empty((await visitor.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative)))!);
    }

    /// The note's text is not where a cue annotation stands, so editing it never orphans one; the transcript is: re-timed,
    /// the annotation follows its words; with its words gone, or without the transcript, it is an orphan; back, it follows them again.
    [Fact]
    public async Task ACueAnnotationFollowsTheTranscriptAcrossReimportsAndIgnoresEditsToTheNote()
    {
        using var vault = LectureVault("followed");
        var slug = await ImportAsync(vault);
        using var reader = await ReaderAsync("follower@example.org");
        var id = (await PostAsync(reader, slug, new { quote = Said, body = "Which sugar?", visibility = "Members", cue = new { recording = 0, start = 5500 } }))
            .Body.GetProperty("id").GetGuid();
        var steps = new List<string>();

        vault.Write("Lecture.md", Lecture.Replace("The key idea comes at 0:06.", "Entirely different prose now.", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);
        steps.Add(await StateAsync(id));
        vault.Write("talk.vtt", Vtt.Replace("00:00:05.500 --> 00:00:09.000", "00:00:07.250 --> 00:00:10.000", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);
        steps.Add(await StateAsync(id));
        vault.Write("talk.vtt", Vtt.Replace("Fermentation turns sugar into", "Distillation concentrates the", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);
        steps.Add(await StateAsync(id));
        vault.Write("talk.vtt", Vtt);
        await app.ImportVaultAsync(vault.Root);
        steps.Add(await StateAsync(id));
        vault.Delete("talk.vtt");
        await app.ImportVaultAsync(vault.Root);
        steps.Add(await StateAsync(id));

        Assert.Equal(["Anchored at 5", "Moved at 7", "Orphaned at 7", "Moved at 5", "Orphaned at 5"], steps);
    }

    static TempVault LectureVault(string name) => new TempVault(name).Write("Lecture.md", Lecture).Write("talk.vtt", Vtt);

    /// The lecture note's slug, by which the discussion API knows it.
    async Task<string> ImportAsync(TempVault vault)
    {
        var report = await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        return await db.Notes.Where(n => n.Vault.Name == report.Vault && n.Path == "Lecture.md").Select(n => n.Slug).SingleAsync();
    }

    async Task<HttpClient> ReaderAsync(string email)
    {
        await app.CreateUserAsync(email);
        return await app.ClientAsync(email);
    }

    async Task<string> StateAsync(Guid id)
    {
        await using var db = app.Database.CreateContext();
        var annotation = await db.Annotations.SingleAsync(a => a.Id == id);
        return $"{annotation.Status} at {annotation.MediaSeconds}";
    }

    static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string slug, object content)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

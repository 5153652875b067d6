using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Video;

/// A note with a lecture and, after a rule, an interview of its own: each recording's moments, the note's times and the
/// readers' annotations, are marked on that recording's timeline and lead to it.
public sealed class RecordingMomentsTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Note = """
        # Lecture

        ![[lecture.webm]]

        The key idea comes at 0:30.

        ---

        ## Interview

        ![[interview.webm]]

        The guest smiles at 1:35.
        """;

    [Fact]
    public async Task EachTimelineMarksTheTimesOfTheRecordingPlaying()
    {
        using var vault = Vault("timelines");
        await app.ImportVaultAsync(vault.Root);
        using var visitor = app.CreateClient();

        var lecture = await visitor.GetStringAsync(new Uri("/notes/timelines/lecture", UriKind.Relative));
        var interview = await visitor.GetStringAsync(new Uri("/notes/timelines/lecture?recording=2", UriKind.Relative));

        Assert.Equal(["/notes/timelines/lecture?t=30"], MarkerLinks(lecture));
        Assert.Equal(["/notes/timelines/lecture?recording=2&amp;t=95"], MarkerLinks(interview));
        // The interview's time in the text opens the page playing the interview, whichever recording plays.
        Assert.Contains("""<a class="timestamp" href="/notes/timelines/lecture?recording=2&amp;t=95" data-seconds="95">1:35</a>""", lecture, StringComparison.Ordinal);
        Assert.Contains("""<a class="timestamp" href="/notes/timelines/lecture?t=30" data-seconds="30">0:30</a>""", interview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassageAnnotatedWhileTheInterviewPlaysKeepsTheInterviewsMoment()
    {
        using var vault = Vault("passage-moment");
        var slug = await ImportAsync(vault);
        await app.CreateUserAsync("interview-reader@example.org");
        using var reader = await app.ClientAsync("interview-reader@example.org");

        var posted = await PostAsync(reader, slug, new { quote = "The guest smiles", body = "Why?", visibility = "Members", mediaSeconds = 95, mediaRecording = 1 });
        var id = posted.Body.GetProperty("id").GetGuid();
        using var opened = await reader.GetAsync(new Uri($"/annotations/{id}", UriKind.Relative));
        var page = await reader.GetStringAsync(new Uri("/notes/passage-moment/lecture?recording=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, posted.Status);
        Assert.Equal((95, 1), (posted.Body.GetProperty("mediaSeconds").GetInt32(), posted.Body.GetProperty("mediaRecording").GetInt32()));
        Assert.Equal($"/notes/passage-moment/lecture?recording=2&t=95#annotation-{id}", opened.Headers.Location?.OriginalString);
        Assert.Contains("""<a class="timestamp" href="/notes/passage-moment/lecture?recording=2&amp;t=95" data-seconds="95" data-recording="1" aria-label="Play the recording 2 at 1:35">1:35</a>""",
            page, StringComparison.Ordinal);
        Assert.Contains($"""<a href="/notes/passage-moment/lecture?recording=2&amp;t=95#annotation-{id}" data-seconds="95"><time datetime="PT95S">1:35</time>""",
            page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 95, "The note has 2 recordings; mediaRecording counts them from 0.")]
    [InlineData(-1, 95, "The note has 2 recordings; mediaRecording counts them from 0.")]
    [InlineData(1, null, "A recording is named with the time in it; send mediaSeconds too.")]
    public async Task ARecordingTheNoteHasNotIsRefusedSayingWhy(int recording, int? seconds, string error)
    {
        using var vault = Vault($"refused-recording-{recording}-{seconds}");
        var slug = await ImportAsync(vault);
        var email = $"refused-recording-{recording}-{seconds}@example.org";
        await app.CreateUserAsync(email);
        using var reader = await app.ClientAsync(email);

        var posted = await PostAsync(reader, slug, new { quote = "The guest smiles", body = "Why?", visibility = "Members", mediaSeconds = seconds, mediaRecording = recording });

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal(error, posted.Body.GetProperty("errors").GetProperty("mediaRecording")[0].GetString());
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Annotations.AnyAsync(a => db.Notes.Any(n => n.Id == a.NoteId && n.Slug == slug)));
    }

    static TempVault Vault(string name) => new TempVault(name)
        .Write("Lecture.md", Note).Write("media/lecture.webm", [1, 2, 3]).Write("media/interview.webm", [4, 5, 6]);

    async Task<string> ImportAsync(TempVault vault)
    {
        var report = await app.ImportVaultAsync(vault.Root);
        await using var db = app.Database.CreateContext();
        return await db.Notes.Where(n => n.Vault.Name == report.Vault && n.Path == "Lecture.md").Select(n => n.Slug).SingleAsync();
    }

    /// The links of the note's own times on the timeline under the player.
    static List<string> MarkerLinks(string page)
    {
        var timeline = page[page.IndexOf("<nav class=\"timeline\"", StringComparison.Ordinal)..];
        timeline = timeline[..timeline.IndexOf("</nav>", StringComparison.Ordinal)];
        return [.. System.Text.RegularExpressions.Regex.Matches(timeline, "<a href=\"([^\"]+)\" data-seconds").Select(m => m.Groups[1].Value)];
    }

    static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string slug, object content)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/api/notes/{slug}/annotations", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

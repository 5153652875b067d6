using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Transcripts;

/// Transcripts from import to the note page and search, against real PostgreSQL. Each test imports a vault of its own.
public sealed class TranscriptTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>Welcome to the lecture on zymurgy.\n\n"
        + "00:00:05.500 --> 00:00:09.000\nFermentation turns sugar into <i>alcohol</i> &amp; gas.\n";

    const string Srt = "1\r\n00:00:02,000 --> 00:00:03,000\r\nSaid on YouTube about quokkas.\r\n";

    [Fact]
    public async Task ATranscriptBesideAVideoBelongsToTheNoteThatEmbedsTheVideo()
    {
        using var vault = new TempVault("beside")
            .Write("Week 1.md", "# Week 1\n\n![[week1.webm]]\n\nThe key idea comes at 0:06.\n")
            .Write("media/week1.webm", [1, 2, 3])
            .Write("media/week1.vtt", Vtt);

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal([new AttachedTranscript("media/week1.vtt", "Week 1.md", 2)], report.Transcripts);
        Assert.Contains("transcript: media/week1.vtt → Week 1.md (2 cues)", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(["0 1000-4000 Ana: Welcome to the lecture on zymurgy.", "0 5500-9000 : Fermentation turns sugar into alcohol & gas."],
            await CuesAsync("beside", "Week 1.md"));
    }

    [Fact]
    public async Task FrontMatterOrAnEmbedNamesTheTranscriptOfAYouTubeLecture()
    {
        using var vault = new TempVault("named")
            .Write("Named.md", "---\nyoutube: https://www.youtube.com/watch?v=dQw4w9WgXcQ\ntranscript: \"[[captions.srt]]\"\n---\nText.\n")
            .Write("Embedded.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\n---\n![[talk.vtt]]\n")
            .Write("captions.srt", Srt)
            .Write("subs/talk.vtt", Vtt);

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(["captions.srt → Named.md", "subs/talk.vtt → Embedded.md"],
            report.Transcripts.Select(t => $"{t.Path} → {t.NotePath}").Order());
        Assert.Equal(["0 2000-3000 : Said on YouTube about quokkas."], await CuesAsync("named", "Named.md"));
        Assert.Equal(2, (await CuesAsync("named", "Embedded.md")).Count);
    }

    [Fact]
    public async Task AnUnreadableTranscriptIsReportedAndTheRestImportsAsBefore()
    {
        using var vault = new TempVault("unreadable")
            .Write("Broken.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: broken.vtt\n---\nStill here.\n")
            .Write("Silent.md", "No recording, yet ![[orphan.vtt]].\n")
            .Write("broken.vtt", "WEBVTT\n\nthis is not a cue\n\n00:00:09.000 --> 00:00:01.000\nbackwards\n")
            .Write("orphan.vtt", Vtt);

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Empty(report.Transcripts);
        Assert.Contains(report.Warnings, w => w.Path == "broken.vtt"
            && w.Message == "2 blocks were not cues (no valid \"start --> end\" time) and were skipped, the first at line 3.");
        Assert.Contains(report.Warnings, w => w.Path == "orphan.vtt" && w.Message == "Not attached to Silent.md: the note has no recording for it to belong to.");
        Assert.Equal(2, report.NotesAdded);
        Assert.Empty(await CuesAsync("unreadable", "Broken.md"));
    }

    [Fact]
    public async Task AReimportFollowsTheTranscriptAndLeavesItAloneWhenUnchanged()
    {
        using var vault = new TempVault("following")
            .Write("Lecture.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: talk.vtt\n---\nText.\n")
            .Write("talk.vtt", Vtt);
        await app.ImportVaultAsync(vault.Root);
        var stored = await CueIdsAsync("following");

        await app.ImportVaultAsync(vault.Root);
        Assert.Equal(stored, await CueIdsAsync("following"));

        vault.Write("talk.vtt", Srt);
        await app.ImportVaultAsync(vault.Root);
        Assert.Equal(["0 2000-3000 : Said on YouTube about quokkas."], await CuesAsync("following", "Lecture.md"));

        vault.Delete("talk.vtt");
        await app.ImportVaultAsync(vault.Root);
        Assert.Empty(await CuesAsync("following", "Lecture.md"));
    }

    [Fact]
    public async Task TheNotePageListsTheTranscriptAsTimedLinksWithItsWordsAsText()
    {
        using var vault = new TempVault("paged")
            .Write("Lecture.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: talk.vtt\n---\nText.\n")
            .Write("talk.vtt", "WEBVTT\n\n00:01:05.250 --> 00:01:07.000\n<v Bo>Never <script>alert(1)</script> &lt;b&gt;raw&lt;/b&gt;\n");
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/notes/paged/lecture", UriKind.Relative));

        Assert.Contains("""<a class="transcript-cue" href="/notes/paged/lecture?t=65" data-seconds="65.25" data-start="65250" data-end="67000">""", page, StringComparison.Ordinal);
        Assert.Contains("""<time datetime="PT65S">1:05</time>""", page, StringComparison.Ordinal);
        Assert.Contains("""<strong class="transcript-speaker">Bo: </strong>Never alert(1) &lt;b&gt;raw&lt;/b&gt;</span>""", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>raw", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchFindsWordsSaidOnlyInARecordingAndOpensTheLectureAtThatMoment()
    {
        using var vault = new TempVault("spoken")
            .Write("Brewing.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: brewing.vtt\n---\nNotes about beer.\n")
            .Write("brewing.vtt", Vtt);
        await app.ImportVaultAsync(vault.Root);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync(new Uri("/search?q=fermentation", UriKind.Relative));

        Assert.Contains("No note's text matches “fermentation”, but it was said in the lecture recordings below.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("""<h3><a href="/notes/spoken/brewing?t=5">Brewing at 0:05</a></h3>""", page, StringComparison.Ordinal);
        Assert.Contains("From the recording's transcript", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("<mark>Fermentation</mark> turns sugar", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimeInTheNoteIsAnsweredWithTheWordsSaidThenAndChangesWithTheTranscript()
    {
        using var vault = new TempVault("said")
            .Write("Lecture.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: talk.vtt\n---\nThe key idea comes at 0:05.\n")
            .Write("talk.vtt", Vtt);
        await app.ImportVaultAsync(vault.Root);
        using var visitor = app.CreateClient();

        Assert.Equal("0:01 Ana: Welcome to the lecture on zymurgy.", await SaidAsync(visitor, "said/lecture", 2));
        Assert.Equal("0:05 : Fermentation turns sugar into alcohol & gas.", await SaidAsync(visitor, "said/lecture", 5));
        Assert.Equal("404", await SaidAsync(visitor, "said/lecture", 30));
        using var again = await visitor.GetAsync(new Uri($"/api/notes/{await SlugAsync("said")}/said?at=5", UriKind.Relative));
        Assert.NotNull(again.Headers.Age);

        vault.Write("talk.vtt", Vtt.Replace("Fermentation turns sugar into", "Yeast eats sugar and makes", StringComparison.Ordinal));
        await app.ImportVaultAsync(vault.Root);

        Assert.Equal("0:05 : Yeast eats sugar and makes alcohol & gas.", await SaidAsync(visitor, "said/lecture", 5));
    }

    /// The read rule, as for the note itself: a members-only note's words are nobody else's, whoever asks by its slug.
    [Fact]
    public async Task TheWordsSaidInAMembersOnlyNoteAreNotServedToAVisitor()
    {
        using var vault = new TempVault("said-closed")
            .Write("Lecture.md", "---\nvideo: https://youtu.be/5vfIT5LOkR0\ntranscript: talk.vtt\n---\nThe key idea comes at 0:05.\n")
            .Write("talk.vtt", Vtt);
        await app.ImportVaultAsync(vault.Root);
        await using (var db = app.Database.CreateContext())
        {
            await db.Vaults.Where(v => v.Name == "said-closed").ExecuteUpdateAsync(v => v.SetProperty(x => x.MembersOnly, true));
        }
        await app.CreateUserAsync("said-member@example.org");
        await app.CreateUserAsync("said-outsider@example.org", role: null);
        using var visitor = app.CreateClient();
        using var outsider = await app.ClientAsync("said-outsider@example.org");
        using var member = await app.ClientAsync("said-member@example.org");

        Assert.Equal("404", await SaidAsync(visitor, "said-closed", 5));
        Assert.Equal("404", await SaidAsync(outsider, "said-closed", 5));
        Assert.Equal("0:05 : Fermentation turns sugar into alcohol & gas.", await SaidAsync(member, "said-closed", 5));
    }

    /// Each recording keeps its own transcript: the page plays the one picked (?recording=2) with its cues, and search
    /// opens the recording whose words matched, at their moment.
    [Fact]
    public async Task EachRecordingOfANoteHasItsTranscriptAndSearchOpensTheOneThatSaidIt()
    {
        using var vault = new TempVault("recordings")
            .Write("Lecture.md", "# Lecture\n\n![[part1.webm]]\n\n![[part2.webm]]\n")
            .Write("media/part1.webm", [1, 2, 3])
            .Write("media/part1.vtt", Vtt)
            .Write("media/part2.webm", [4, 5, 6])
            .Write("media/part2.vtt", "WEBVTT\n\n00:01:35.000 --> 00:01:38.000\nQuokkas smile for the camera.\n");
        await app.ImportVaultAsync(vault.Root);
        using var visitor = app.CreateClient();

        var first = await visitor.GetStringAsync(new Uri("/notes/recordings/lecture", UriKind.Relative));
        var second = await visitor.GetStringAsync(new Uri("/notes/recordings/lecture?recording=2&t=95", UriKind.Relative));
        var search = await visitor.GetStringAsync(new Uri("/search?q=quokkas", UriKind.Relative));

        Assert.Contains("zymurgy", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Quokkas", first, StringComparison.Ordinal);
        Assert.Contains("""<a href="/notes/recordings/lecture?recording=2">Play part2.webm</a>""", first, StringComparison.Ordinal);
        Assert.Contains("""data-lecture-player data-recording="1">""", second, StringComparison.Ordinal);
        Assert.Contains("part2.webm#t=95", second, StringComparison.Ordinal);
        Assert.Contains("""<a class="transcript-cue" href="/notes/recordings/lecture?recording=2&amp;t=95" """, second, StringComparison.Ordinal);
        Assert.DoesNotContain("zymurgy", second, StringComparison.Ordinal);
        Assert.Contains("""<a href="/notes/recordings/lecture?recording=2&amp;t=95">Lecture at 1:35</a>""", search, StringComparison.Ordinal);
    }

    async Task<string> SaidAsync(HttpClient client, string vault, int second)
    {
        using var response = await client.GetAsync(new Uri($"/api/notes/{await SlugAsync(vault.Split('/')[0])}/said?at={second}", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var said = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{said.GetProperty("time").GetString()} {said.GetProperty("speaker").GetString()}: {said.GetProperty("words").GetString()}";
    }

    async Task<string> SlugAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        return await db.Notes.IgnoreQueryFilters().Where(n => n.Vault.Name == vault && n.Path == "Lecture.md").Select(n => n.Slug).SingleAsync();
    }

    async Task<List<string>> CuesAsync(string vault, string path)
    {
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Vault.Name == vault && n.Path == path);
        return await db.TranscriptCues.Where(c => c.NoteId == note.Id).OrderBy(c => c.Start)
            .Select(c => $"{c.MediaIndex} {c.Start}-{c.End} {c.Speaker}: {c.Text}").ToListAsync();
    }

    async Task<List<long>> CueIdsAsync(string vault)
    {
        await using var db = app.Database.CreateContext();
        var notes = db.Notes.Where(n => n.Vault.Name == vault).Select(n => n.Id);
        return await db.TranscriptCues.Where(c => notes.Contains(c.NoteId)).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }
}

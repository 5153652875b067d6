using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Courses;

/// /courses/{vault} lists a vault's lectures in the order they are taught, each with its moments, its recording's
/// length where the vault gives it, and the annotations the reader may see.
public sealed partial class CoursePageTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Author = "author@example.org";
    const string OtherMember = "other@example.org";

    [Fact]
    public async Task LecturesStandInCourseOrderWithTheirMomentsAndLength()
    {
        using var vault = Course("ordered");
        await app.ImportVaultAsync(vault.Root, "ordered");
        using var client = app.CreateClient();

        var lectures = Lectures(await client.GetStringAsync(new Uri("/courses/ordered", UriKind.Relative)));

        Assert.Equal(["Welcome", "Attention", "Wrapping up"], lectures.Select(l => l.Title));
        Assert.Equal(["0 moments", "2 moments", "1 moment"], lectures.Select(l => l.Moments));
        // Only the lecture whose front matter gives a length says one: the times in a note are not its recording's length.
        Assert.Equal([null, "1:18:00", null], lectures.Select(l => l.Duration));
    }

    [Fact]
    public async Task ALectureOfARecordingInTheVaultTakesItsLengthFromTheFileUnlessFrontMatterGivesOne()
    {
        using var vault = new TempVault("recorded")
            .Write("1 Camera.md", "![[camera.mp4]]\n\nAt 0:10 we begin.")
            .Write("2 Browser.md", "![[browser.webm]]\n\nAt 0:05 a demo.")
            .Write("3 Trimmed.md", "---\nduration: 1:18:00\n---\n![[long.webm]]\n\nAt 1:00 we begin.")
            .Write("4 Cut.md", "![[cut.mp4]]\n\nAt 0:30 it stops.")
            .Write("5 Podcast.md", "![[podcast.mp3]]\n\nAt 0:01 hello.")
            .Write("media/camera.mp4", TestRecordings.Mp4(3723.4, headerAfterMedia: true))
            .Write("media/browser.webm", TestRecordings.WebM(95_000))
            .Write("media/long.webm", TestRecordings.WebM(5_000_000))
            .Write("media/cut.mp4", TestRecordings.Mp4(60, headerAfterMedia: true)[..600])
            .Write("media/podcast.mp3", TestRecordings.Mp3(10, tagBytes: 200, vbrHeader: "Xing", vbrFrames: 50_000));
        var report = await app.ImportVaultAsync(vault.Root, "recorded");
        using var client = app.CreateClient();

        var lectures = Lectures(await client.GetStringAsync(new Uri("/courses/recorded", UriKind.Relative)));

        Assert.Equal(["1:02:03", "1:35", "1:18:00", null, "20:00"], lectures.Select(l => l.Duration));
        // The lecture's own page places its times along the same length before the player has loaded the file.
        Assert.Contains("data-duration=\"95\"", await client.GetStringAsync(new Uri("/notes/recorded/2-browser", UriKind.Relative)), StringComparison.Ordinal);
        var warning = Assert.Single(report.Warnings, w => w.Path == "media/cut.mp4");
        Assert.Contains("cut short", warning.Message, StringComparison.Ordinal);
        Assert.Equal(5, report.NotesAdded);
    }

    [Fact]
    public async Task AnnotationsAreCountedAsTheReaderMaySeeThem()
    {
        using var vault = Course("discussed");
        await app.ImportVaultAsync(vault.Root, "discussed");
        await app.CreateUserAsync(Author);
        await app.CreateUserAsync(OtherMember);
        foreach (var visibility in new[] { AnnotationVisibility.Public, AnnotationVisibility.Members, AnnotationVisibility.OnlyMe })
        {
            await AnnotateAsync("discussed", "Attention", Author, visibility);
        }
        await AnnotateAsync("discussed", "Attention", Author, AnnotationVisibility.Public, hidden: true);

        Assert.Equal("1 annotation", await AnnotationsOnAttentionAsync(null));
        Assert.Equal("2 annotations", await AnnotationsOnAttentionAsync(OtherMember));
        Assert.Equal("4 annotations", await AnnotationsOnAttentionAsync(Author));
    }

    [Fact]
    public async Task AVaultWithoutLecturesHasNoCoursePage()
    {
        using var vault = new TempVault("plain").Write("Glossary.md", "# Glossary\n\nWords.");
        await app.ImportVaultAsync(vault.Root, "plain");
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/courses/plain", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/courses/nowhere", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ALongCourseIsReadAPageAtATime()
    {
        using var vault = new TempVault("long");
        for (var week = 1; week <= 105; week++)
        {
            vault.Write($"Week {week}.md", "#lecture\n\nText.");
        }
        await app.ImportVaultAsync(vault.Root, "long");
        using var client = app.CreateClient();

        var first = await client.GetStringAsync(new Uri("/courses/long", UriKind.Relative));
        var next = WebUtility.HtmlDecode(NextPage().Match(first).Groups["href"].Value);
        var second = await client.GetStringAsync(new Uri(next, UriKind.Relative));

        Assert.Equal(Enumerable.Range(1, 100).Select(w => $"Week {w}"), Lectures(first).Select(l => l.Title));
        Assert.Equal(Enumerable.Range(101, 5).Select(w => $"Week {w}"), Lectures(second).Select(l => l.Title));
    }

    /// Three lectures and a note that is not one: the first numbered by its front matter, the others by their folders.
    static TempVault Course(string name) => new TempVault(name)
        .Write("Week 10/Wrapping up.md", "---\nvideo: https://www.youtube.com/watch?v=aaaaaaaaaaa\n---\nAt 12:30 we close.")
        .Write("Week 2/Attention.md", "---\nvideo: https://www.youtube.com/watch?v=bbbbbbbbbbb\nduration: 1:18:00\n---\nAt 1:00 queries, at 5:00 keys.")
        .Write("Welcome.md", "---\nlecture: 1\n---\n#lecture\n\nWhat the course is.")
        .Write("Glossary.md", "# Glossary\n\nWords.");

    async Task<string> AnnotationsOnAttentionAsync(string? email)
    {
        using var client = await app.ClientAsync(email);
        var page = await client.GetStringAsync(new Uri("/courses/discussed", UriKind.Relative));
        return Lectures(page).Single(l => l.Title == "Attention").Annotations;
    }

    async Task AnnotateAsync(string vaultSlug, string title, string authorEmail, AnnotationVisibility visibility, bool hidden = false)
    {
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Vault.Slug == vaultSlug && n.Title == title);
        var now = DateTimeOffset.UtcNow;
        db.Annotations.Add(new Annotation
        {
            NoteId = note.Id, AuthorId = await db.Users.Where(u => u.Email == authorEmail).Select(u => u.Id).SingleAsync(),
            Quote = "queries", Start = note.PlainText.IndexOf("queries", StringComparison.Ordinal), Length = "queries".Length,
            Body = "Why?", Visibility = visibility, CreatedAt = now, UpdatedAt = now, HiddenAt = hidden ? now : null,
        });
        await db.SaveChangesAsync();
    }

    sealed record ListedLecture(string Title, string Moments, string? Duration, string Annotations);

    static List<ListedLecture> Lectures(string page) => [.. Lecture().Matches(page).Select(m => new ListedLecture(
        WebUtility.HtmlDecode(m.Groups["title"].Value), m.Groups["moments"].Value,
        m.Groups["duration"].Success ? m.Groups["duration"].Value : null, m.Groups["annotations"].Value))];

    [GeneratedRegex("""<li class="course-lecture"><a href="[^"]+">(?<title>[^<]+)</a>.*?(?:<span class="lecture-duration"><time datetime="[^"]+">(?<duration>[^<]+)</time>.*?)?<span class="lecture-times">(?<moments>[^<]+)</span>\s*<span class="lecture-annotations">(?<annotations>[^<]+)</span>""", RegexOptions.Singleline)]
    private static partial Regex Lecture();

    [GeneratedRegex("""<a href="(?<href>[^"]+)" rel="next">""")]
    private static partial Regex NextPage();
}

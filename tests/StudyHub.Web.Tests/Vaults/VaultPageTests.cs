using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Tests.Reading;

namespace StudyHub.Web.Tests.Vaults;

/// The home page shows a few lectures of each vault and links to the vault's page, which lists every note a page at a
/// time: what either page costs depends on what it shows, not on the size of the vault.
public sealed partial class VaultPageTests(VaultPageTests.ArchiveApp app) : IClassFixture<VaultPageTests.ArchiveApp>
{
    /// "archive": 1,500 generated notes in three courses of ten weeks (every tenth a #lecture), and two named ones;
    /// "small": five notes, three of them lectures; "course": three lectures, numbered by name or by front matter.
    public sealed class ArchiveApp : StudyHubApp
    {
        public const int ArchiveNotes = 1502;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var archive = new TempVault("archive");
            for (var i = 0; i < 1500; i++)
            {
                archive.Write($"Course {i / 500}/Week {i / 50 % 10:D2}/Note {i:D4}.md", i % 10 == 0 ? $"#lecture\n\nLecture {i}." : $"Words of note {i}.");
            }
            archive.Write("Course 2/Papers/Attention Is All You Need.md", "Transformers.")
                .Write("Course 2/Papers/100% Recall.md", "Every relevant result.");
            using var small = new TempVault("small")
                .Write("Intro.md", "Welcome.")
                .Write("Lecture 1.md", "#lecture\n\nThe first lecture.")
                .Write("Guest Talk.md", "---\ntags: [Lecture]\n---\nA visitor.")
                .Write("Recorded.md", "Link: https://www.youtube.com/watch?v=5vfIT5LOkR0\n\nPick back up at 28:00.")
                .Write("Notes/Glossary.md", "Terms.");
            using var course = new TempVault("course")
                .Write("Lectures/Lecture 10.md", "#lecture\n\nThe last one.")
                .Write("Lectures/Lecture 9.md", "#lecture\n\nThe one before.")
                .Write("Lectures/Welcome.md", "---\nlecture: 0\nduration: 1:18:00\n---\nLink: https://www.youtube.com/watch?v=5vfIT5LOkR0\n\nWe begin at 1:00 and stop at 2:00.");
            await ImportVaultAsync(archive.Root, "archive");
            await ImportVaultAsync(small.Root, "small");
            await ImportVaultAsync(course.Root, "course");
        }
    }

    [Fact]
    public async Task TheHomePageShowsTwelveLecturesOfALargeVaultAndLinksToAllItsNotes()
    {
        var home = await GetAsync("/");

        var archive = VaultSection(home, "archive");
        Assert.Equal(12, Regex.Count(archive, "<li class=\"lecture-card\">"));
        Assert.Contains("<a href=\"/vaults/archive\">All 1502 notes</a>", archive, StringComparison.Ordinal);
        Assert.DoesNotContain("/notes/archive/course-2/week-04/note-1234\"", home, StringComparison.Ordinal);
        // Two vaults' cards, eight recent notes, the tags and the layout come to about 15 KB; listing every note of the
        // archive made it 270 KB, and made 19 MB at 100,000 notes. Room is left for more vaults' cards, not for notes.
        Assert.True(home.Length < 40_000, $"The home page is {home.Length} characters long.");
    }

    [Fact]
    public async Task TheHomePageLinksASmallVaultsNotesThroughItsPage()
    {
        var home = await GetAsync("/");

        var small = VaultSection(home, "small");
        Assert.Contains("<a href=\"/vaults/small\">All 5 notes</a>", small, StringComparison.Ordinal);
        Assert.Equal(["/notes/small/guest-talk", "/notes/small/intro", "/notes/small/lecture-1", "/notes/small/notes/glossary", "/notes/small/recorded"],
            Listed(await GetAsync("/vaults/small")));
    }

    [Fact]
    public async Task ALectureCardIsANoteWithARecordingOrALectureTagInAnyCase()
    {
        var cards = Regex.Matches(VaultSection(await GetAsync("/"), "small"), "<li class=\"lecture-card\">\\s*<h3><a href=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value);

        Assert.Equal(["/notes/small/guest-talk", "/notes/small/lecture-1", "/notes/small/recorded"], cards);
    }

    [Fact]
    public async Task ACoursesLectureCardsComeInCourseOrderAndSayWhereEachIsAndWhatItsRecordingHas()
    {
        var course = VaultSection(await GetAsync("/"), "course");
        var cards = Regex.Matches(course, "<li class=\"lecture-card\">\\s*<h3><a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value);

        Assert.Equal(["/notes/course/lectures/welcome", "/notes/course/lectures/lecture-9", "/notes/course/lectures/lecture-10"], cards);
        Assert.Equal(3, Regex.Count(course, "<span class=\"card-folder\">Lectures</span>"));
        Assert.Contains("<span>2 moments</span>", course, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"PT4680S\">1:18:00</time> long", course, StringComparison.Ordinal);
        Assert.DoesNotContain("YouTube video", course, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagingTheVaultPageForwardAndBackReachesEveryNoteOnce()
    {
        await using var db = app.Database.CreateContext();
        var every = await db.Notes.Where(n => n.Vault.Slug == "archive").Select(n => "/notes/" + n.Address).ToListAsync();

        var forward = await PagesAsync("/vaults/archive", "next");
        var backward = await PagesAsync(forward.LastPage, "prev");

        Assert.Equal(16, forward.Pages);
        Assert.Equal(every.Order(StringComparer.Ordinal), forward.Notes.Order(StringComparer.Ordinal));
        Assert.Equal(forward.Notes.Count, forward.Notes.Distinct().Count());
        Assert.Equal(16, backward.Pages);
        Assert.Equal(every.Order(StringComparer.Ordinal), backward.Notes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheFilterFindsANoteByPartOfItsTitleWhateverTheCase()
    {
        var page = await GetAsync("/vaults/archive?q=attention+IS+all");

        Assert.Equal(["/notes/archive/course-2/papers/attention-is-all-you-need"], Listed(page));
        Assert.Contains("1 note matches “attention IS all”.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFilterMatchesWildcardsAsWritten()
    {
        Assert.Equal(["/notes/archive/course-2/papers/100-recall"], Listed(await GetAsync("/vaults/archive?q=0%25")));
        Assert.Empty(Listed(await GetAsync("/vaults/archive?q=note_0")));
    }

    [Fact]
    public async Task TheFilterNarrowsByFolderAndKeepsToItWhilePaging()
    {
        var week = await GetAsync("/vaults/archive?q=course+1%2Fweek+07");
        var course = await PagesAsync("/vaults/archive?q=course+1%2F", "next");

        Assert.Equal(50, Listed(week).Count);
        Assert.Equal(5, course.Pages);
        Assert.Equal(500, course.Notes.Distinct().Count());
        Assert.All(course.Notes, note => Assert.StartsWith("/notes/archive/course-1/", note, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/vaults/no-such-vault", HttpStatusCode.NotFound)]
    [InlineData("/vaults/archive?q=%00&after=%00", HttpStatusCode.OK)]
    public async Task AnUnknownVaultIsNotFoundAndNoQueryBreaksThePage(string path, HttpStatusCode status)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
    }

    Task<string> GetAsync(string path) => ListingPages.GetAsync(app, path);

    Task<(int Pages, List<string> Notes, string LastPage)> PagesAsync(string first, string direction) =>
        ListingPages.FollowAsync(app, first, direction, NoteListing());

    static List<string> Listed(string page) => ListingPages.Items(page, NoteListing());

    static string VaultSection(string home, string vault)
    {
        var section = home[home.IndexOf($"<h2 id=\"vault-{vault}\">", StringComparison.Ordinal)..];
        return section[..section.IndexOf("</section>", StringComparison.Ordinal)];
    }

    [GeneratedRegex("<li><a href=\"(/notes/[^\"]+)\">[^<]*</a> <span class=\"note-path\">")]
    private static partial Regex NoteListing();
}

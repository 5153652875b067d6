using System.Net;
using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// The home page's recently updated notes and lecture cards. Each test has an app of its own: the home page shows
/// every vault.
public sealed partial class HomePageTests
{
    [Fact]
    public async Task RecentlyUpdatedAfterOneImportListsTheNotesTheirAuthorSavedLastFirst()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        var today = DateTime.UtcNow.Date;
        using var vault = new TempVault("saved")
            .Write("Alpha.md", "Oldest.").SavedAt("Alpha.md", today.AddDays(-30))
            .Write("Week 1/Zeta.md", "Newest.").SavedAt("Week 1/Zeta.md", today.AddDays(-1))
            .Write("Gamma.md", "Between.").SavedAt("Gamma.md", today.AddDays(-7));
        await app.ImportVaultAsync(vault.Root, "saved");
        using var client = app.CreateClient();

        Assert.Equal(["Zeta", "Gamma", "Alpha"], RecentTitles(await client.GetStringAsync(new Uri("/", UriKind.Relative))));
    }

    [Fact]
    public async Task AVaultWrittenAllAtOnceSaysNothingByItsTimesAndIsListedByPath()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        // As a git clone or a copy writes them: seconds apart, in no order an author chose.
        var cloned = DateTime.UtcNow.AddHours(-1);
        using var vault = new TempVault("cloned")
            .Write("Zeta.md", "Z.").SavedAt("Zeta.md", cloned.AddSeconds(40))
            .Write("Gamma.md", "G.").SavedAt("Gamma.md", cloned.AddSeconds(20))
            .Write("Alpha.md", "A.").SavedAt("Alpha.md", cloned);
        await app.ImportVaultAsync(vault.Root, "cloned");
        using var client = app.CreateClient();

        Assert.Equal(["Alpha", "Gamma", "Zeta"], RecentTitles(await client.GetStringAsync(new Uri("/", UriKind.Relative))));
    }

    [Fact]
    public async Task AZippedVaultKeepsWhenItsFilesWereSaved()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        var today = DateTime.UtcNow.Date;
        using var vault = new TempVault("zipped")
            .Write("Alpha.md", "Newest.").SavedAt("Alpha.md", today.AddDays(-2))
            .Write("Beta.md", "Oldest.").SavedAt("Beta.md", today.AddDays(-40))
            .Write("Gamma.md", "Between.").SavedAt("Gamma.md", today.AddDays(-9));
        await app.ImportVaultAsync(vault.Zip(), "zipped");
        using var client = app.CreateClient();

        Assert.Equal(["Alpha", "Gamma", "Beta"], RecentTitles(await client.GetStringAsync(new Uri("/", UriKind.Relative))));
    }

    [Fact]
    public async Task RecentlyUpdatedPutsWhatTheLatestImportChangedFirstHoweverLongAgoItWasSaved()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        var today = DateTime.UtcNow.Date;
        using var vault = new TempVault("recent")
            .Write("Alpha.md", "First.").SavedAt("Alpha.md", today.AddDays(-20))
            .Write("Zeta.md", "First.").SavedAt("Zeta.md", today.AddDays(-30))
            .Write("Gamma.md", "First.").SavedAt("Gamma.md", today.AddDays(-10));
        await app.ImportVaultAsync(vault.Root, "recent");
        // A note copied in from elsewhere keeps its old time, but is new to the vault's readers.
        vault.Write("Zeta.md", "Edited.").Write("Epsilon.md", "New.").SavedAt("Epsilon.md", today.AddDays(-400));
        await app.ImportVaultAsync(vault.Root, "recent");
        using var client = app.CreateClient();

        Assert.Equal(["Zeta", "Epsilon", "Gamma", "Alpha"], RecentTitles(await client.GetStringAsync(new Uri("/", UriKind.Relative))));
    }

    [Fact]
    public async Task LectureCardsSayTheirCommonKindOfRecordingOnce()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        using var vault = new TempVault("videos")
            .Write("One.md", "---\nvideo: https://www.youtube.com/watch?v=aaaaaaaaaaa\n---\nNo times.")
            .Write("Two.md", "---\nvideo: https://www.youtube.com/watch?v=bbbbbbbbbbb\n---\nNo times either.")
            .Write("Three.md", "---\nvideo: https://www.youtube.com/watch?v=ccccccccccc\n---\nAt 1:00 a time.");
        await app.ImportVaultAsync(vault.Root, "videos");
        using var client = app.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Single(Regex.Matches(home, "YouTube video"));
        Assert.Contains("All lectures: YouTube video", home, StringComparison.Ordinal);
        Assert.Contains("1 moment", home, StringComparison.Ordinal);
    }

    static List<string> RecentTitles(string home)
    {
        var section = home[home.IndexOf("id=\"recent-title\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</ul>", StringComparison.Ordinal)];
        return [.. RecentLink().Matches(section).Select(m => WebUtility.HtmlDecode(m.Groups["title"].Value))];
    }

    [GeneratedRegex("""<li><a href="/notes/[^"]+">(?<title>[^<]+)</a>""")]
    private static partial Regex RecentLink();
}

using System.Net;
using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// The home page's recently updated notes and lecture cards. Each test has an app of its own: the home page shows
/// every vault.
public sealed partial class HomePageTests
{
    [Fact]
    public async Task RecentlyUpdatedPutsWhatAnImportChangedFirstAndEditedNotesBeforeNewOnes()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        using var vault = new TempVault("recent").Write("Alpha.md", "First.").Write("Zeta.md", "First.").Write("Gamma.md", "First.");
        await app.ImportVaultAsync(vault.Root, "recent");
        vault.Write("Zeta.md", "Edited.").Write("Epsilon.md", "New.");
        await app.ImportVaultAsync(vault.Root, "recent");
        using var client = app.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(["Zeta", "Epsilon", "Alpha", "Gamma"], RecentTitles(home));
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

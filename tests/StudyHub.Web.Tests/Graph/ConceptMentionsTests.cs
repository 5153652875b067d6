using System.Net;
using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Graph;

/// A concept's page lists the notes that link to it a page at a time: lectures first in the order they are taught,
/// each with the moments it mentions the concept, then the other notes by title; every note on exactly one page.
public sealed partial class ConceptMentionsTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task AConceptLinkedFromMoreNotesThanAPageHoldsIsReadPageByPageLecturesFirst()
    {
        using var vault = new TempVault("popular")
            .Write("Week 10/Alpha lecture.md", "---\nvideo: https://www.youtube.com/watch?v=aaaaaaaaaaa\n---\nAt 2:00 a last word on [[Popular Idea]].")
            .Write("Week 2/Zeta lecture.md",
                "---\nvideo: https://www.youtube.com/watch?v=bbbbbbbbbbb\n---\nAt 1:00 we meet [[Popular Idea]].\n\nAt 5:00 [[Popular Idea]] again, and [[Popular Idea]] once more.");
        var others = Enumerable.Range(0, 60).Select(i => $"{(i % 2 == 0 ? "note" : "Note")} {i:D3}").ToList();
        // Written in the reverse of title order, so that neither path nor creation order could pass for it.
        foreach (var title in Enumerable.Reverse(others))
        {
            vault.Write($"{title}.md", $"See [[Popular Idea]].");
        }
        await app.ImportVaultAsync(vault.Root, "popular");
        using var client = app.CreateClient();

        var pages = new List<string>();
        for (var next = "/concepts/popular-idea"; next is not null; next = NextPage(pages[^1]))
        {
            pages.Add(await client.GetStringAsync(new Uri(next, UriKind.Relative)));
            Assert.True(pages.Count <= 3, "more pages than 62 notes need");
        }

        var listed = pages.Select(Mentions).ToList();
        Assert.Equal([50, 12], listed.Select(page => page.Count));
        Assert.Equal(["Zeta lecture", "Alpha lecture", .. others], listed.SelectMany(page => page.Select(m => m.Title)));
        Assert.Equal(["1:00", "5:00"], listed[0][0].Moments);
        Assert.Equal(["2:00"], listed[0][1].Moments);
        Assert.All(listed.SelectMany(page => page.Skip(2)), m => Assert.Empty(m.Moments));

        // Back from the last page is the first page again.
        var previous = PreviousPage(pages[1]);
        Assert.NotNull(previous);
        Assert.Equal(listed[0], Mentions(await client.GetStringAsync(new Uri(previous, UriKind.Relative))));
    }

    sealed record Mention(string Title, IReadOnlyList<string> Moments)
    {
        public bool Equals(Mention? other) => other is not null && Title == other.Title && Moments.SequenceEqual(other.Moments);
        public override int GetHashCode() => Title.GetHashCode(StringComparison.Ordinal);
    }

    static List<Mention> Mentions(string page) => [.. MentionItem().Matches(page).Select(m => new Mention(
        WebUtility.HtmlDecode(m.Groups["title"].Value), [.. Moment().Matches(m.Groups["rest"].Value).Select(t => t.Groups["time"].Value)]))];

    static string? NextPage(string page) => Link(page, "next");

    static string? PreviousPage(string page) => Link(page, "prev");

    static string? Link(string page, string rel) =>
        Regex.Match(page, $"""<a href="(?<href>[^"]+)" rel="{rel}">""") is { Success: true } link ? WebUtility.HtmlDecode(link.Groups["href"].Value) : null;

    [GeneratedRegex("""<li class="concept-mention[^"]*">\s*<a href="[^"]+">(?<title>[^<]+)</a>(?<rest>.*?)</li>""", RegexOptions.Singleline)]
    private static partial Regex MentionItem();

    [GeneratedRegex("""class="timestamp mention-moment"[^>]*>(?<time>[^<]+)</a>""")]
    private static partial Regex Moment();
}

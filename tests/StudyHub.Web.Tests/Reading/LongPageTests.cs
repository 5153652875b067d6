using StudyHub.Markdown;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// A note page has a bounded length however many times its note embeds long notes: past
/// ObsidianMarkdownOptions.MaxLengthForEmbeds the embeds become links.
public sealed class LongPageTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ANoteEmbeddingALongChapterTwelveTimesLinksToItOnceThePageIsLongEnough()
    {
        var chapter = "# Chapter\n\n" + string.Concat(Enumerable.Repeat("A paragraph of the chapter, long enough to read for a while.\n\n", 2_500));
        using var vault = new TempVault("book")
            .Write("Chapter.md", chapter)
            .Write("Book.md", "# Book\n\n" + string.Concat(Enumerable.Repeat("![[Chapter]]\n\n", 12)));
        await app.ImportVaultAsync(vault.Root);

        using var client = app.CreateClient();
        var page = await client.GetStringAsync(new Uri("/notes/book/book", UriKind.Relative));

        Assert.InRange(page.Length, new ObsidianMarkdownOptions().MaxLengthForEmbeds, new ObsidianMarkdownOptions().MaxLengthForEmbeds + 2 * chapter.Length);
        Assert.Contains("Not embedded, the page is long enough already: <a class=\"wikilink\" href=\"/notes/book/chapter\">Chapter</a>", page, StringComparison.Ordinal);
    }
}

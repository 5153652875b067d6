namespace StudyHub.Markdown.Tests;

/// Embedded notes embed others in turn; past ObsidianMarkdownOptions.MaxLengthForEmbeds a page links to a note instead.
public class EmbedLengthTests
{
    const string OtherBlock = "<div class=\"embed-note\" data-target=\"Other\">\n<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"/notes/Other#^blk\">Other &gt; ^blk</a></div>\n<div class=\"embed-note-content\">\n<p id=\"^blk\">Part text</p>\n</div>\n</div>";

    const string NotEmbedded = "<span class=\"embed-notice\" data-target=\"Other\">Not embedded, the page is long enough already: <a class=\"wikilink\" href=\"/notes/Other#^blk\">Other &gt; ^blk</a></span>";

    [Theory]
    [InlineData(1_000_000, "![[Other#^blk]]\n\n![[Other#^blk]]", OtherBlock + "\n" + OtherBlock)]
    [InlineData(1, "![[Other#^blk]]\n\n![[Other#^blk]]", OtherBlock + "\n" + NotEmbedded)]
    [InlineData(1, "Before\n\n![[Other#^blk]]", "<p>Before</p>\n" + NotEmbedded)]
    [InlineData(11, "Hi\n\n![[Other#^blk]]", "<p>Hi</p>\n" + OtherBlock)]
    public void AnEmbedPastTheLengthForEmbedsBecomesALink(int maxLengthForEmbeds, string markdown, string html)
    {
        var markdownWithLimit = new ObsidianMarkdown(new ObsidianMarkdownOptions { MaxLengthForEmbeds = maxLengthForEmbeds });

        Assert.Equal(html, markdownWithLimit.RenderHtml(markdownWithLimit.Parse(markdown, "Test.md"), Render.Vault).TrimEnd());
    }

    [Fact]
    public void NotesThatEmbedEachOtherTenTimesOverMakeAPageOfBoundedLength()
    {
        // Four levels of ten embeds each would transclude the 2 KB leaf 10,000 times: about 25 MB of page.
        var sources = new Dictionary<string, string> { ["Leaf"] = "# Leaf\n\n" + string.Concat(Enumerable.Repeat("Words of the leaf note. ", 80)) };
        for (var level = 1; level <= 4; level++)
        {
            sources[$"Fan{level}"] = string.Concat(Enumerable.Repeat($"![[{(level == 4 ? "Leaf" : $"Fan{level + 1}")}]]\n\n", 10));
        }

        var html = Render.Markdown.RenderHtml(Render.Markdown.Parse("![[Fan1]]", "Test.md"), new TestRenderContext(noteSources: sources));

        Assert.InRange(html.Length, new ObsidianMarkdownOptions().MaxLengthForEmbeds, new ObsidianMarkdownOptions().MaxLengthForEmbeds + 10_000);
        Assert.Contains("Not embedded, the page is long enough already: <a class=\"wikilink\" href=\"/notes/Fan2\">Fan2</a></span>", html, StringComparison.Ordinal);
    }
}

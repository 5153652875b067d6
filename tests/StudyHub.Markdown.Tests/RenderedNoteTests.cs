namespace StudyHub.Markdown.Tests;

// The text and outline Render hands out with the HTML. The expected plain text is what the importer derived before
// from the rendered HTML (captured on 5 Dec 2026 before that reader was removed): annotations are anchored by offsets
// in it, so it must stay the same character for character.
public class RenderedNoteTests
{
    [Theory]
    [InlineData("Plain paragraphs with a soft\nbreak and a hard  \nbreak.\n\nSecond *emphasis* **strong** ~~gone~~ ==marked==.",
        "Plain paragraphs with a soft\nbreak and a hard\nbreak.\nSecond emphasis strong gone marked.")]
    [InlineData("---\ntitle: Front\ntags: [a]\n---\n# Heading\n\nText &amp; more &copy; AT&T.",
        "Heading\nText & more © AT&T.")]
    [InlineData("- item one\n- item **two**\n  - nested [[Note]]\n1. first\n2. [ ] task\n- [x] done",
        "item one\nitem two\nnested Note\nfirst\ntask\ndone")]
    [InlineData("| a | b |\n|---|---|\n| `code` | [[Note\\|alias]] |",
        "a\nb\ncode\nalias")]
    [InlineData("> [!note]\n> Body of the callout\n\n> [!tip]- Folded title\n> hidden\n\n> plain quote",
        "Note\nBody of the callout\nFolded title\nhidden\nplain quote")]
    [InlineData("Inline `code  here` and\n\n```python\n  indented = 1\nprint(x)\n```\n\n    indented block",
        "Inline code  here and\nindented = 1\nprint(x)\nindented block")]
    [InlineData("Footnote here[^1] and math $x^2$ and\n\n$$\na = b\n$$\n\n[^1]: The note text.",
        "Footnote here1 and math \\(x^2\\) and\n\\[\na = b\n\\]\nThe note text.↩")]
    [InlineData("See [[Note]], [[Missing]], [[Note#Part|shown]], [[#Local]], #tag/sub and 12:30 and https://example.org/x and <https://a.b/c> and [link](https://x.y) ![img](pic.png)",
        "See Note, Missing, shown, Local, #tag/sub and 12:30 and https://example.org/x and https://a.b/c and link")]
    [InlineData("![[Other]]\n\n![[Other#Part]]\n\n![[Other#Nope]]\n\n![[Missing note]]\n\nText ![[gone.png]] end ![[image.png]] ![[paper.pdf]] ![[data.zip]] [[talk.mp3]]",
        "Other\nOther\nIntro\nPart\nPart text\nDetail\nDetail text\nNext\nNext text\nOther > Part\nPart\nPart text\nDetail\nDetail text\nOther > Nope\nText  end  paper.pdf data.zip talk.mp3")]
    [InlineData("Before ![[Self]] after\n\n![[Deep0]]",
        "Before\nSelf\nBefore\nEmbedding stopped: the note embeds itself: Self\nafter\nDeep0\nDeep1\nDeep2\nDeep3\nEmbedding stopped: nested too deeply: Deep4")]
    [InlineData("<div class=\"x\">Raw <b>block</b></div>\n\nInline <b>bold</b> and <br> break <span class=\"y\">span</span>.\n\n![[Raw]]",
        "Raw block\nInline bold and\nbreak span.\nRaw\nraw")]
    [InlineData("Setext heading\n===\n\n## Heading with [[Note]] and `code`\n\n### \n\n#### Heading with ![[gone.png]]\n\nUnmatched [bracket and *star",
        "Setext heading\nHeading with Note and code\nHeading with\nUnmatched [bracket and *star")]
    [InlineData("%% hidden comment %%\n\nVisible %%inline hidden%% text\n\nBlock id here ^abc",
        "Visible  text\nBlock id here")]
    public void PlainTextIsWhatTheReaderSees(string markdown, string expected) =>
        Assert.Equal(expected, Render.Markdown.Render(Render.Markdown.Parse(markdown, "Test.md"), Render.Vault).PlainText);

    [Theory]
    [InlineData("# Heading\n\nPlain *prose* &amp; more.\n\n- item one\n- item two",
        "Heading\nPlain prose & more.\nitem one\nitem two")]
    [InlineData("See [[Note]], [[Missing]], [[Note#Part|shown]], [[#Local]], #tag/sub and 12:30 and https://example.org/x and <https://a.b/c> and [link](https://x.y) ![img](pic.png) end",
        "See \t, \t, \t, \t, \t and \t and \t and \t and \t \t end")]
    [InlineData("Inline `code` and $x^2$ math[^1].\n\n```\ncode block\n```\n\n$$\na = b\n$$\n\n    indented\n\n[^1]: Footnote words.",
        "Inline \t and \t math\t.\nFootnote words.")]
    [InlineData("Before ![[Other]] between ![[Missing note]] and ![[Self]] after ![[image.png]] done",
        "Before\nbetween\nand\nafter \t done")]
    [InlineData("> [!tip] Title [[Note]] here\n> Body <b>raw</b> text",
        "Title \t here\nBody raw text")]
    public void ProseIsTheNotesOwnWordsOutsideLinksCodeAndMath(string markdown, string expected) =>
        Assert.Equal(expected, Render.Markdown.Render(Render.Markdown.Parse(markdown, "Test.md"), Render.Vault).Prose);

    [Theory]
    [InlineData("---\ntitle: Front\ntags: [a]\n---\n# Heading\n\nText &amp; more &copy; AT&T.",
        "1|heading|Heading")]
    [InlineData("![[Other]]\n\n![[Other#Part]]\n\n![[Other#Nope]]\n\n![[Missing note]]\n\nText ![[gone.png]] end ![[image.png]] ![[paper.pdf]] ![[data.zip]] [[talk.mp3]]",
        "1|other|Other\n2|part|Part\n3|detail|Detail\n2|next|Next\n2|part|Part\n3|detail|Detail")]
    [InlineData("Setext heading\n===\n\n## Heading with [[Note]] and `code`\n\n### \n\n#### Heading with ![[gone.png]]\n\nUnmatched [bracket and *star",
        "1|setext-heading|Setext heading\n2|heading-with-note-and-code|Heading with Note and code\n4|heading-with-gonepng|Heading with Missing attachment: gone.png")]
    [InlineData("No headings at all", "")]
    public void OutlineListsEveryHeadingWithTextOnThePage(string markdown, string expected)
    {
        var outline = Render.Markdown.Render(Render.Markdown.Parse(markdown, "Test.md"), Render.Vault).Outline;

        Assert.Equal(expected, string.Join("\n", outline.Select(h => $"{h.Level}|{h.Id}|{h.Text}")));
    }

    [Fact]
    public void OutlineTextIsDecodedAndWithoutMarkup()
    {
        var outline = Render.Markdown.Render(Render.Markdown.Parse("# Title\n\nx\n\n## Why *does* it &amp; matter?\n\n### Deep", "Test.md"), Render.Vault).Outline;

        Assert.Equal([new OutlineHeading(1, "title", "Title"), new OutlineHeading(2, "why-does-it-matter", "Why does it & matter?"), new OutlineHeading(3, "deep", "Deep")], outline);
    }
    [Theory]
    [InlineData("Attention.md", "# Attention\n\nBody.")]
    [InlineData("attention is all.md", "# Attention Is All\n\nBody.")]
    [InlineData("Don't panic.md", "# Don't panic\n\nBody.")]
    [InlineData("Attention.md", "# *Attention*\n\nBody.")]
    public void ATitleHeadingTheNoteOpensWithIsLeftToThePage(string fileName, string markdown)
    {
        var rendered = Render.Markdown.Render(Render.Markdown.Parse(markdown, fileName), Render.Vault);

        Assert.Equal("<p>Body.</p>", rendered.Html.Trim());
        Assert.Empty(rendered.Outline);
        Assert.Equal(1, rendered.TitleHeading?.Level);
        Assert.Equal(markdown.Split('\n')[0].Trim('#', ' ', '*'), rendered.TitleHeading?.Text);
        // Annotations are placed by offsets in the text the page shows, and the page shows the title above the body.
        Assert.Equal(rendered.TitleHeading?.Text + "\nBody.", rendered.PlainText);
    }

    [Theory]
    [InlineData("# Overview\n\nBody.")]
    [InlineData("Intro.\n\n# Attention\n\nBody.")]
    [InlineData("## Attention\n\nBody.")]
    [InlineData("# <span onclick=\"x()\">Attention</span>\n\nBody.")]
    public void AnyOtherFirstHeadingStaysInTheNote(string markdown)
    {
        var rendered = Render.Markdown.Render(Render.Markdown.Parse(markdown, "Attention.md"), Render.Vault);

        Assert.Null(rendered.TitleHeading);
        Assert.Contains("</h", rendered.Html);
        Assert.Single(rendered.Outline);
    }
}

using System.Globalization;

namespace StudyHub.Markdown.Tests;

public class ParsingTests
{
    private static ParsedNote Parse(string markdown, string? fileName = "Test.md") => Render.Markdown.Parse(markdown, fileName);

    [Theory]
    [InlineData("---\ntitle: Front\n---\nSubject: Sub\n# Heading", "CLIP.md", "Front")]
    [InlineData("---\ntitle: 2024\n---\n", "CLIP.md", "2024")]
    [InlineData("---\ntitle: \" \"\n---\n# Heading", "CLIP.md", "CLIP")]
    [InlineData("# Paper Figures\n\n![[Pasted image.png]]", "CLIP.md", "CLIP")]
    [InlineData("Subject: Transformers\n\n# Transformers", "Lecture - Transformers.md", "Lecture - Transformers")]
    [InlineData("Some prose.\n\n# Heading\n# Second", "Test.md", "Test")]
    [InlineData("# v1.2", "Release v1.2.md", "Release v1.2")]
    public void ANoteIsNamedByItsFileUnlessFrontMatterGivesATitle(string markdown, string fileName, string title) =>
        Assert.Equal(title, Parse(markdown, fileName).Title);

    [Fact]
    public void TitleIsEmptyWithoutFileNameOrFrontMatterTitle() => Assert.Equal("", Parse("Subject: Sub\n\n# Heading", fileName: null).Title);

    [Theory]
    [InlineData("---\ntags: [one, '#two']\n---\n#three #one", "one,two,three")]
    [InlineData("---\ntags: one, two three\n---\n", "one,two,three")]
    [InlineData("---\ntags:\n  - nested/tag\n---\n", "nested/tag")]
    [InlineData("---\ntag: single\n---\n", "single")]
    [InlineData("#a #b/c #123 `#code` [#x](https://x.com)", "a,b/c")]
    [InlineData("> [!tip] About #topic [#x](https://x.com)\n> #body", "topic,body")]
    public void TagsMergeFrontMatterAndInline(string markdown, string tags) =>
        Assert.Equal(tags, string.Join(',', Parse(markdown).Tags));

    [Theory]
    [InlineData("---\naliases: [FAIR, Meta AI]\n---\n", "FAIR|Meta AI")]
    [InlineData("---\naliases: FAIR, Meta AI\n---\n", "FAIR|Meta AI")]
    [InlineData("---\nalias: FAIR\n---\n", "FAIR")]
    public void AliasesAcceptListOrCommaSeparatedString(string markdown, string aliases) =>
        Assert.Equal(aliases, string.Join('|', Parse(markdown).Aliases));

    [Fact]
    public void OtherFrontMatterFieldsAreKeptAsData()
    {
        var note = Parse("---\ntitle: T\ncount: 3\nratio: 1.5\ndraft: false\nquoted: \"42\"\nempty:\nlist: [1, two]\nnested:\n  key: value\n---\n");

        Assert.Equal(3L, note.Properties["count"]);
        Assert.Equal(1.5, note.Properties["ratio"]);
        Assert.Equal(false, note.Properties["draft"]);
        Assert.Equal("42", note.Properties["quoted"]);
        Assert.Null(note.Properties["empty"]);
        Assert.Equal(new List<object?> { 1L, "two" }, note.Properties["list"]);
        Assert.Equal("value", ((IReadOnlyDictionary<string, object?>)note.Properties["nested"]!)["key"]);
        Assert.False(note.Properties.ContainsKey("title"));
    }

    // Plain "key: value" front matter is read without YamlDotNet; a comment line sends the same text through YamlDotNet.
    [Theory]
    [InlineData("title: T\ndescription: Search helps you find data, fast (really).\nmobile: true\npermalink: plugins/search\naliases:\n")]
    [InlineData("a: b c  \nempty:\ntilde: ~\nnothing: null\nyes: True\ncount: 3\nratio: 1.5\nbig: 1e3\nhex: 0x10\nlead: 010\ndot: .5\nplus: +1\nunder: 1_000\nnan: NaN\n")]
    [InlineData("true: x\n1: y\n1.50: z\nnull: w\nA: 1\na: 2\n")]
    [InlineData("url: https://x.org/a#b?c=d\ntime: 12:30\nlink: \"[[Note]]\"\nplain: x:y\n")]
    [InlineData("date: 2024-01-01\nversion: 1.2.3\nunicode: café 😀\nbrackets: a [b] {c}\n")]
    [InlineData("neg: -1\nlist: [a, b]\nquoted: 'q'\ncolon: a: b\nhash: a # b\nend: a:\n")]
    [InlineData("a:b\n")]
    [InlineData("a : b\n")]
    [InlineData("a: b\n  continued\n")]
    [InlineData("a:\tb\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("aliases:\ncssclasses:\n  - soft-embed\n  - list-cards\n\n  - 3\npublish: true\n")]
    [InlineData("tags:\n- one\n- two/three\n-\n- ~\nnext: x\n")]
    [InlineData("tags:\n  - one\n    - two\n")]
    [InlineData("tags:\n  - one\n - two\n")]
    [InlineData("tags:\n  - a: b\n")]
    [InlineData("tags: x\n  - one\n")]
    [InlineData("tags:\n  -one\n")]
    [InlineData("a:\n  b: c\n")]
    [InlineData("aliases: [\"N6529\", \"Note six\"]\ntags: [generated, scaling-laws]\nempty: []\nblank: [ ]\n")]
    [InlineData("mixed: [1, true, ~, null, 1.5, \"true\", \"1\", \"\", x y , \"a: b\"]\n")]
    [InlineData("a: [x:y, x?, it's, a#b, café 😀]\n")]
    [InlineData("a: [a, , b]\n")]
    [InlineData("a: [a, b,]\n")]
    [InlineData("a: [a, [b]]\n")]
    [InlineData("a: [a, {b: c}]\n")]
    [InlineData("a: [\"a\\\"b\"]\n")]
    [InlineData("a: [\"a\"b\"]\n")]
    [InlineData("a: ['a', b]\n")]
    [InlineData("a: [a, b] # c\n")]
    [InlineData("a: [a, b]x\n")]
    [InlineData("a: [-a, - b, :c, a: b]\n")]
    [InlineData("a: [a]\n  - b\n")]
    public void PlainFrontMatterReadsAsYamlWould(string yaml)
    {
        var fast = Parse("---\n" + yaml + "---\nBody");
        var yamlDotNet = Parse("---\n" + yaml + "# read by YamlDotNet\n---\nBody");

        Assert.Equal(yamlDotNet.Properties, fast.Properties);
        Assert.Equal(yamlDotNet.Title, fast.Title);
        Assert.Equal(yamlDotNet.Aliases, fast.Aliases);
        Assert.Equal(yamlDotNet.Tags, fast.Tags);
        Assert.Equal(yamlDotNet.Warnings, fast.Warnings);
    }

    // YamlDotNet's path cuts front matter at 100,000 values with a warning; one line can hold more than that.
    [Fact]
    public void AHugeOneLineListReadsAsYamlWould() =>
        PlainFrontMatterReadsAsYamlWould($"k: [{string.Join(",", Enumerable.Repeat("a", 100_001))}]\n");

    [Theory]
    [InlineData("---\ntitle: [unclosed\n---\nBody", 3, "Invalid YAML")]
    [InlineData("---\na: 1\n  b: 2\n---\nBody", 3, "Invalid YAML")]
    [InlineData("---\ntitle: x\nBody", 1, "not terminated")]
    [InlineData("---\n- a\n- b\n---\nBody", 2, "not a set of key")]
    public void FrontMatterProblemIsAWarningWithLine(string markdown, int line, string message)
    {
        var note = Parse(markdown);

        var warning = Assert.Single(note.Warnings);
        Assert.Equal(line, warning.Line);
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Body", Render.Markdown.RenderHtml(note, Render.Vault), StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedCommentIsAWarningWithLine()
    {
        var warning = Assert.Single(Parse("Visible\n\n%%\nhidden to the end").Warnings);

        Assert.Equal(new NoteWarning(3, "Comment '%%' is never closed; the rest of the note is hidden."), warning);
    }

    [Fact]
    public void FrontMatterAliasBombStaysSmall()
    {
        var note = Parse("---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n");

        Assert.Equal(9, ((List<object?>)note.Properties["d"]!).Count);
    }

    [Fact]
    public void FrontMatterAliasBombIsCutOffWithWarning()
    {
        var yaml = new System.Text.StringBuilder("---\nl0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 10; level++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"l{level}: &l{level} [").AppendJoin(", ", Enumerable.Repeat("*l" + (level - 1).ToString(CultureInfo.InvariantCulture), 9)).Append("]\n");
        }

        var note = Parse(yaml.Append("---\nBody").ToString());

        Assert.Contains(note.Warnings, w => w.Message.Contains("too large", StringComparison.Ordinal));
        Assert.False(note.Properties.ContainsKey("l9"));
    }

    [Fact]
    public void FrontMatterAnchorCannotContainItself()
    {
        var list = Assert.IsType<List<object?>>(Parse("---\na: &a [x, *a]\n---\n").Properties["a"]);

        Assert.Equal(["x", null], list);
    }

    [Theory]
    [InlineData("#lecture \nLink:https://www.youtube.com/watch?v=5vfIT5LOkR0\n\nSubject: Multimodal Deep Learning\n\n------\nText", "Link=https://www.youtube.com/watch?v=5vfIT5LOkR0;Subject=Multimodal Deep Learning")]
    [InlineData("Paper: [Attention](https://arxiv.org/abs/1706.03762)\n\n# Heading\nAuthor: not a field", "Paper=[Attention](https://arxiv.org/abs/1706.03762)")]
    [InlineData("Prose first.\n\nSubject: too late", "")]
    [InlineData("Prose.\n\nRating:: 5\n- Status:: done\n\n```\nCode:: no\n```", "Rating=5;Status=done")]
    [InlineData("https://example.com\nSubject: no", "")]
    public void InlineFieldsAtTopBecomeMetadata(string markdown, string fields) =>
        Assert.Equal(fields, string.Join(';', Parse(markdown).Fields.Select(f => $"{f.Key}={f.Value}")));

    [Fact]
    public void InlineFieldKeysIgnoreCase() => Assert.Equal("x", Parse("Subject: x").Fields["SUBJECT"]);

    [Theory]
    [InlineData("[[Note]]", "Note", null, null, null, false, false)]
    [InlineData("[[Meta AI Research|FAIR]]", "Meta AI Research", "FAIR", null, null, false, false)]
    [InlineData("[[Note#Heading]]", "Note", null, "Heading", null, false, false)]
    [InlineData("[[Note#Chapter#Section]]", "Note", null, "Section", null, false, false)]
    [InlineData("[[Note#^block-1]]", "Note", null, null, "block-1", false, false)]
    [InlineData("[[#Heading]]", "", null, "Heading", null, false, false)]
    [InlineData("[[folder/Note]]", "folder/Note", null, null, null, false, false)]
    [InlineData("[[Note.md]]", "Note.md", null, null, null, false, false)]
    [InlineData("![[image.png|300x200]]", "image.png", "300x200", null, null, true, true)]
    [InlineData("![[audio.mp3]]", "audio.mp3", null, null, null, true, true)]
    [InlineData("![[doc.pdf]]", "doc.pdf", null, null, null, true, true)]
    [InlineData("![[Other note#Heading]]", "Other note", null, "Heading", null, true, false)]
    [InlineData("| a |\n|---|\n| [[Note\\|alias]] |", "Note", "alias", null, null, false, false)]
    [InlineData("[FAIR](Meta%20AI%20Research.md#History)", "Meta AI Research.md", "FAIR", "History", null, false, false)]
    [InlineData("![](Pasted%20image%2020240417000000.png)", "Pasted image 20240417000000.png", null, null, null, true, true)]
    [InlineData("> [!note] See [[Note]]\n> body", "Note", null, null, null, false, false)]
    public void WikilinkIsRecorded(string markdown, string target, string? alias, string? heading, string? blockId, bool embed, bool attachment)
    {
        var link = Assert.Single(Parse(markdown).Links);

        Assert.Equal((target, alias, heading, blockId, embed, attachment), (link.Target, link.Alias, link.Heading, link.BlockId, link.IsEmbed, link.IsAttachment));
    }

    [Fact]
    public void FrontMatterWikilinkIsRecorded()
    {
        var links = Parse("---\nup: \"[[Course]]\"\nrelated:\n  - \"[[CLIP|the CLIP paper]]\"\n---\nSee [[Flamingo]]").Links;

        Assert.Equal([("Course", null, 2, 9), ("CLIP", "the CLIP paper", 4, 35), ("Flamingo", null, 6, 68)], links.Select(l => (l.Target, l.Alias, l.Line, l.Offset)));
    }

    [Theory]
    [InlineData("---\nbased_on: [\"[[BERT]]\"]\n---\nText", "based_on")]
    [InlineData("---\ntitle: A\nrelated:\n  - \"[[CLIP]]\"\n  - x\n---\nText", "related")]
    [InlineData("---\n\"up\": \"[[Course]]\"\n---\nText", "up")]
    [InlineData("See [[BERT]]", null)]
    public void FrontMatterLinkKnowsItsProperty(string markdown, string? property) =>
        Assert.Equal(property, Assert.Single(Parse(markdown).Links).Property);

    [Fact]
    public void WikilinkKnowsItsSection()
    {
        var links = Parse("---\nup: \"[[Course]]\"\n---\n[[A]] and [[B]]\n\n## Part [[C]]\n\n[[D]]\n\n> [!note] Aside\n> # Inner\n> [[E]]\n\n---\n\n- ![[F]]\n\nSetext\n===\n[[G]][^1]\n\n[^1]: See [[H]]").Links;

        Assert.Equal([("Course", null), ("A", 0), ("B", 0), ("C", 1), ("D", 1), ("E", 2), ("F", 3), ("G", 4), ("H", 5)], links.Select(l => (l.Target, l.Section)));
    }

    [Fact]
    public void WikilinkRecordsLineAndOffset()
    {
        var links = Parse("First line\n\n> quoted [[A]] and ![[b.png]]").Links;

        Assert.Equal([(3, 21), (3, 31)], links.Select(l => (l.Line, l.Offset)));
    }

    [Theory]
    [InlineData("`[[Note]]`")]
    [InlineData("```\n[[Note]]\n```")]
    [InlineData("    [[Note]]")]
    [InlineData("%%[[Note]]%%")]
    [InlineData("[[]]")]
    public void WikilinkInCodeOrCommentIsNotRecorded(string markdown) => Assert.Empty(Parse(markdown).Links);

    [Fact]
    public void HeadingsAreRecordedWithIds()
    {
        var headings = Parse("# Intro\n\n## Why does MultiModality matter?\n\n## Intro").Headings;

        Assert.Equal(
            [new NoteHeading(1, "Intro", "intro", 1), new NoteHeading(2, "Why does MultiModality matter?", "why-does-multimodality-matter", 3), new NoteHeading(2, "Intro", "intro-1", 5)],
            headings);
    }

    [Theory]
    [InlineData("Why does MultiModality matter?", "why-does-multimodality-matter")]
    [InlineData("  Multimodal   Foundation -- Models  ", "multimodal-foundation-models")]
    [InlineData("C# & .NET: 10", "c-net-10")]
    [InlineData("Ünïcode Überschrift", "ünïcode-überschrift")]
    [InlineData("???", "section")]
    public void HeadingSlugIsStable(string text, string slug) => Assert.Equal(slug, HeadingSlug.Create(text));

    [Fact]
    public void BlockIdsAreRecorded() => Assert.Equal(["p1", "li"], Parse("Para ^p1\n\n- item ^li").BlockIds);

    [Theory]
    [InlineData("[#tag at 12:34](https://x.com)")]
    [InlineData("[#tag at 12:34][r]\n\n[r]: https://x.com")]
    [InlineData("[#tag at 12:34]\n\n[#tag at 12:34]: https://x.com")]
    [InlineData("![#tag at 12:34](https://x.com/a.png)")]
    [InlineData("[*#tag at **12:34***](https://x.com)")]
    public void TagOrTimeInsideLinkTextIsNotRecorded(string markdown)
    {
        var note = Parse(markdown);

        Assert.Empty(note.Tags);
        Assert.Empty(note.Timestamps);
    }

    [Fact]
    public void TimesAreRecordedWithPosition()
    {
        var note = Parse("![[Pasted image 20240417002242.png]]\n\n(Pick back up at 28:00) `12:00` 16:9");

        var time = Assert.Single(note.Timestamps);
        Assert.Equal(new WrittenTime("28:00", 1680, 3, 55), time);
    }
}

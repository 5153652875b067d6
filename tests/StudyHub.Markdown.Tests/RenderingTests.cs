namespace StudyHub.Markdown.Tests;

public class RenderingTests
{
    [Theory]
    [InlineData("[[Note]]", """<p><a class="wikilink" href="/notes/Note">Note</a></p>""")]
    [InlineData("[[Note|the note]]", """<p><a class="wikilink" href="/notes/Note">the note</a></p>""")]
    [InlineData("[[Note#Why does MultiModality matter?]]", """<p><a class="wikilink" href="/notes/Note#why-does-multimodality-matter">Note &gt; Why does MultiModality matter?</a></p>""")]
    [InlineData("[[Note#^block-1]]", """<p><a class="wikilink" href="/notes/Note#^block-1">Note &gt; ^block-1</a></p>""")]
    [InlineData("[[#Local Heading]]", """<p><a class="wikilink" href="#local-heading">Local Heading</a></p>""")]
    [InlineData("[[Note.md]]", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/Note.md">Note</a></p>""")]
    [InlineData("[[Missing|alias]]", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/Missing">alias</a></p>""")]
    [InlineData("`[[Note]]`", "<p><code>[[Note]]</code></p>")]
    [InlineData("```\n[[Note]] #tag 28:00\n```", "<pre><code>[[Note]] #tag 28:00\n</code></pre>")]
    [InlineData("[[Note\nbroken]]", "<p>[[Note\nbroken]]</p>")]
    [InlineData("| A | B |\n|---|---|\n| [[Note\\|alias]] | y |", "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><a class=\"wikilink\" href=\"/notes/Note\">alias</a></td>\n<td>y</td>\n</tr>\n</tbody>\n</table>")]
    public void WikilinkRendersAsLink(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("[the *note*](Douwe%20Kiela.md#Early%20career)", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/Douwe%20Kiela.md#early-career">the note</a></p>""")]
    [InlineData("[block](<./People/Douwe Kiela.md#^b1>)", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/People%2FDouwe%20Kiela.md#^b1">block</a></p>""")]
    [InlineData("![](image.png)", """<p><img src="/files/image.png" alt="image.png" loading="lazy" /></p>""")]
    [InlineData("![Pasted](../Pasted%20image%2020240417000000.png)", """<p><span class="embed-missing" data-target="Pasted image 20240417000000.png">Missing attachment: Pasted image 20240417000000.png</span></p>""")]
    [InlineData("[site](https://example.com/Note.md) [app](/notes/x.md) [readme](README) [frag](#Heading)", """<p><a href="https://example.com/Note.md">site</a> <a href="/notes/x.md">app</a> <a href="README">readme</a> <a href="#Heading">frag</a></p>""")]
    public void MarkdownLinkToVaultFileRendersAsWikilink(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("[Paper title]()", "<p>Paper title</p>")]
    [InlineData("See [the *paper*]( ) and [[Note]].", """<p>See the <em>paper</em> and <a class="wikilink" href="/notes/Note">Note</a>.</p>""")]
    [InlineData("[Paper title](<>)", "<p>Paper title</p>")]
    [InlineData("- [CLIP]() by [OpenAI](https://openai.com)", "<ul>\n<li>CLIP by <a href=\"https://openai.com\">OpenAI</a></li>\n</ul>")]
    public void EmptyLinkRendersAsItsText(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("![[image.png]]", """<p><img src="/files/image.png" alt="image.png" loading="lazy" /></p>""")]
    [InlineData("![[image.png|300]]", """<p><img src="/files/image.png" alt="image.png" width="300" loading="lazy" /></p>""")]
    [InlineData("![[image.png|300x200]]", """<p><img src="/files/image.png" alt="image.png" width="300" height="200" loading="lazy" /></p>""")]
    [InlineData("![[photo.png]]", """<p><img src="/files/photo.png" alt="photo.png" width="640" height="480" loading="lazy" /></p>""")]
    [InlineData("![](photo.png)", """<p><img src="/files/photo.png" alt="photo.png" width="640" height="480" loading="lazy" /></p>""")]
    [InlineData("![[photo.png|320]]", """<p><img src="/files/photo.png" alt="photo.png" width="320" height="240" loading="lazy" /></p>""")]
    [InlineData("![[photo.png|320x100]]", """<p><img src="/files/photo.png" alt="photo.png" width="320" height="100" loading="lazy" /></p>""")]
    [InlineData("![[photo.png|A photo]]", """<p><img src="/files/photo.png" alt="A photo" width="640" height="480" loading="lazy" /></p>""")]
    [InlineData("![[image.png|A diagram]]", """<p><img src="/files/image.png" alt="A diagram" loading="lazy" /></p>""")]
    [InlineData("![[talk.mp3]]", """<p><audio controls src="/files/talk.mp3"></audio></p>""")]
    [InlineData("![[lecture.mp4]]", """<p><video controls src="/files/lecture.mp4"></video></p>""")]
    [InlineData("![[paper.pdf]]", """<p><span class="embed-pdf"><a class="embed-download" href="/files/paper.pdf" download>paper.pdf</a></span></p>""")]
    [InlineData("![[paper.pdf#page=3]]", """<p><span class="embed-pdf"><a class="embed-download" href="/files/paper.pdf#page=3" download>paper.pdf</a></span></p>""")]
    [InlineData("![[paper.pdf#height=400]]", """<p><span class="embed-pdf" data-height="400"><a class="embed-download" href="/files/paper.pdf" download>paper.pdf</a></span></p>""")]
    [InlineData("![[paper.pdf#page=x]]", """<p><span class="embed-pdf"><a class="embed-download" href="/files/paper.pdf" download>paper.pdf</a></span></p>""")]
    [InlineData("![[data.zip]]", """<p><a class="embed-download" href="/files/data.zip" download>data.zip</a></p>""")]
    [InlineData("[[paper.pdf]]", """<p><a class="wikilink attachment pdf" href="/files/paper.pdf">paper.pdf</a></p>""")]
    [InlineData("[[paper.pdf#page=3|the proof]]", """<p><a class="wikilink attachment pdf" href="/files/paper.pdf#page=3">the proof</a></p>""")]
    [InlineData("![[Pasted image 20240417000000.png]]", """<p><span class="embed-missing" data-target="Pasted image 20240417000000.png">Missing attachment: Pasted image 20240417000000.png</span></p>""")]
    public void AttachmentEmbedRendersByMediaKind(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    // Obsidian opens a known set of formats; another name with a dot is a note's, unless the vault holds such a file.
    [Theory]
    [InlineData("[[01.AI]]", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/01.AI">01.AI</a></p>""")]
    [InlineData("[[Node.js|Node]]", """<p><a class="wikilink unresolved" title="Not yet written" href="/notes/Node.js">Node</a></p>""")]
    [InlineData("![[Company.AI]]", """<span class="embed-missing" data-target="Company.AI">Missing note: <a class="wikilink unresolved" title="Not yet written" href="/notes/Company.AI">Company.AI</a></span>""")]
    [InlineData("[[data.zip]]", """<p><a class="wikilink attachment" href="/files/data.zip">data.zip</a></p>""")]
    [InlineData("![[Board.canvas]]", """<p><span class="embed-missing" data-target="Board.canvas">Missing attachment: Board.canvas</span></p>""")]
    public void ANameWithADotIsANoteUnlessItIsAFile(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("![[Other#Part]]", "<div class=\"embed-note\" data-target=\"Other\">\n<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"/notes/Other#part\">Other &gt; Part</a></div>\n<div class=\"embed-note-content\">\n<h2 id=\"part\">Part</h2>\n<p id=\"^blk\">Part text</p>\n<h3 id=\"detail\">Detail</h3>\n<p>Detail text</p>\n</div>\n</div>")]
    [InlineData("![[Other#^blk]]", "<div class=\"embed-note\" data-target=\"Other\">\n<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"/notes/Other#^blk\">Other &gt; ^blk</a></div>\n<div class=\"embed-note-content\">\n<p id=\"^blk\">Part text</p>\n</div>\n</div>")]
    [InlineData("![[Other#Nowhere]]", "<div class=\"embed-note\" data-target=\"Other\">\n<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"/notes/Other#nowhere\">Other &gt; Nowhere</a></div>\n<div class=\"embed-note-content\"><span class=\"embed-missing\">Section not found: nowhere</span></div>\n</div>")]
    [InlineData("Before\n![[Other#^blk]]\nafter", "<p>Before</p>\n<div class=\"embed-note\" data-target=\"Other\">\n<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"/notes/Other#^blk\">Other &gt; ^blk</a></div>\n<div class=\"embed-note-content\">\n<p id=\"^blk\">Part text</p>\n</div>\n</div>\n<p>after</p>")]
    [InlineData("![[Nope]]", """<span class="embed-missing" data-target="Nope">Missing note: <a class="wikilink unresolved" title="Not yet written" href="/notes/Nope">Nope</a></span>""")]
    public void NoteEmbedTranscludesSection(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Fact]
    public void NoteEmbedTranscludesWholeNote()
    {
        var html = Render.Html("![[Other]]");

        Assert.StartsWith("<div class=\"embed-note\" data-target=\"Other\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"other\">Other</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Next text</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Self", "Embedding stopped: the note embeds itself: Self")]
    [InlineData("Ping", "Embedding stopped: the note embeds itself: Ping")]
    [InlineData("Deep0", "Embedding stopped: nested too deeply: Deep4")]
    public void EmbedCycleOrDepthShowsNotice(string note, string notice)
    {
        var html = Render.Html($"![[{note}]]");

        Assert.Contains(notice, html, StringComparison.Ordinal);
        Assert.DoesNotContain("bottom", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#tag and #nested/tag", """<p><a class="tag" href="/tags/tag">#tag</a> and <a class="tag" href="/tags/nested/tag">#nested/tag</a></p>""")]
    [InlineData("#123 is an issue number", "<p>#123 is an issue number</p>")]
    [InlineData("a#b and x.com/#frag", "<p>a#b and x.com/#frag</p>")]
    [InlineData("[see #x](https://x.com/#y)", """<p><a href="https://x.com/#y">see #x</a></p>""")]
    [InlineData("`#code`", "<p><code>#code</code></p>")]
    [InlineData("# Heading", """<h1 id="heading">Heading</h1>""")]
    public void TagRendersAsTagLink(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("# Title\n## Title\n## Title", "<h1 id=\"title\">Title</h1>\n<h2 id=\"title-1\">Title</h2>\n<h2 id=\"title-2\">Title</h2>")]
    [InlineData("## Why does MultiModality matter?", """<h2 id="why-does-multimodality-matter">Why does MultiModality matter?</h2>""")]
    [InlineData("## `Code` and [[Note|alias]]", """<h2 id="code-and-alias"><code>Code</code> and <a class="wikilink" href="/notes/Note">alias</a></h2>""")]
    [InlineData("A paragraph ^para-1", """<p id="^para-1">A paragraph</p>""")]
    [InlineData("- one ^item\n- two", "<ul>\n<li id=\"^item\">one</li>\n<li>two</li>\n</ul>")]
    [InlineData("| a |\n|---|\n| b |\n\n^table", "<table id=\"^table\">\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>")]
    [InlineData("2^10 is not a block id", "<p>2^10 is not a block id</p>")]
    public void HeadingsAndBlocksGetAnchors(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("a %%hidden%% b", "<p>a  b</p>")]
    [InlineData("a %%hidden\nacross lines%% b", "<p>a  b</p>")]
    [InlineData("before\n\n%%\nmulti\n\nline\n%%\n\nafter", "<p>before</p>\n<p>after</p>")]
    [InlineData("%% one line %%\nafter", "<p>after</p>")]
    [InlineData("50%% off", "<p>50%% off</p>")]
    [InlineData("`%%code%%`", "<p><code>%%code%%</code></p>")]
    public void CommentsAreHidden(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("> [!note] Title with [[Note]]\n> Body", "<div class=\"callout\" data-callout=\"note\">\n<div class=\"callout-title\">Title with <a class=\"wikilink\" href=\"/notes/Note\">Note</a></div>\n<div class=\"callout-content\">\n<p>Body</p>\n</div>\n</div>")]
    [InlineData("> [!TIP]\n> Body", "<div class=\"callout\" data-callout=\"tip\">\n<div class=\"callout-title\">Tip</div>\n<div class=\"callout-content\">\n<p>Body</p>\n</div>\n</div>")]
    [InlineData("> [!faq]- Folded\n> Body", "<div class=\"callout\" data-callout=\"faq\" data-callout-fold=\"-\">\n<details>\n<summary class=\"callout-title\">Folded</summary>\n<div class=\"callout-content\">\n<p>Body</p>\n</div>\n</details>\n</div>")]
    [InlineData("> [!info]+ Open", "<div class=\"callout\" data-callout=\"info\" data-callout-fold=\"+\">\n<details open>\n<summary class=\"callout-title\">Open</summary>\n<div class=\"callout-content\">\n</div>\n</details>\n</div>")]
    [InlineData("> [!made-up] Unknown\n> Body", "<div class=\"callout\" data-callout=\"made-up\">\n<div class=\"callout-title\">Unknown</div>\n<div class=\"callout-content\">\n<p>Body</p>\n</div>\n</div>")]
    [InlineData("> [!note] Outer\n> > [!warning] Inner\n> > Body", "<div class=\"callout\" data-callout=\"note\">\n<div class=\"callout-title\">Outer</div>\n<div class=\"callout-content\">\n<div class=\"callout\" data-callout=\"warning\">\n<div class=\"callout-title\">Inner</div>\n<div class=\"callout-content\">\n<p>Body</p>\n</div>\n</div>\n</div>\n</div>")]
    [InlineData("> Plain [!note] quote", "<blockquote>\n<p>Plain [!note] quote</p>\n</blockquote>")]
    [InlineData("> [!note] [at 12:34 #tag](https://youtu.be/x)", "<div class=\"callout\" data-callout=\"note\">\n<div class=\"callout-title\"><a href=\"https://youtu.be/x\">at 12:34 #tag</a></div>\n<div class=\"callout-content\">\n</div>\n</div>")]
    public void CalloutRendersAsDiv(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("(Pick back up at 28:00)", """<p>(Pick back up at <a class="timestamp" href="?t=1680" data-seconds="1680">28:00</a>)</p>""")]
    [InlineData("[12:34] and @1:02:03", """<p>[<a class="timestamp" href="?t=754" data-seconds="754">12:34</a>] and @<a class="timestamp" href="?t=3723" data-seconds="3723">1:02:03</a></p>""")]
    [InlineData("[at 12:34](https://youtu.be/x)", """<p><a href="https://youtu.be/x">at 12:34</a></p>""")]
    [InlineData("`12:34`", "<p><code>12:34</code></p>")]
    [InlineData("https://example.com/12:34", """<p><a href="https://example.com/12:34">https://example.com/12:34</a></p>""")]
    public void TimestampRendersAsSeekLink(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("see https://a.example/x, www.example.com and mailto:me@example.com", """<p>see <a href="https://a.example/x">https://a.example/x</a>, <a href="https://www.example.com">www.example.com</a> and <a href="mailto:me@example.com">me@example.com</a></p>""")]
    [InlineData("Link:https://x.org (www.y.org)", """<p>Link:<a href="https://x.org">https://x.org</a> (<a href="https://www.y.org">www.y.org</a>)</p>""")]
    [InlineData("ftp://files.example.com and tel:+123456", "<p>ftp://files.example.com and tel:+123456</p>")]
    [InlineData("xhttps://a.org and wwww.b.org and HTTPS://c.org", "<p>xhttps://a.org and wwww.b.org and HTTPS://c.org</p>")]
    [InlineData("**https://a.org** (www.b.org/x?y=1). end", """<p><strong><a href="https://a.org">https://a.org</a></strong> (<a href="https://www.b.org/x?y=1">www.b.org/x?y=1</a>). end</p>""")]
    [InlineData("[label https://x.org](https://y.org) `https://z.org`", """<p><a href="https://y.org">label https://x.org</a> <code>https://z.org</code></p>""")]
    [InlineData("https://a.org\nmailto:me@x.org", "<p><a href=\"https://a.org\">https://a.org</a>\n<a href=\"mailto:me@x.org\">me@x.org</a></p>")]
    public void BareUrlBecomesLinkOnlyForSchemesThePolicyAllows(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("==highlight==", "<p><mark>highlight</mark></p>")]
    [InlineData("~~gone~~", "<p><del>gone</del></p>")]
    [InlineData("$x^2$", """<p><span class="math">\(x^2\)</span></p>""")]
    [InlineData("$$\nx\n$$", "<div class=\"math\">\n\\[\nx\n\\]</div>")]
    [InlineData("```python\nprint(1)\n```", "<pre><code class=\"language-python\">print(1)\n</code></pre>")]
    [InlineData("- [ ] todo\n- [x] done", "<ul class=\"contains-task-list\">\n<li class=\"task-list-item\"><input disabled=\"disabled\" type=\"checkbox\" /> todo</li>\n<li class=\"task-list-item\"><input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" /> done</li>\n</ul>")]
    [InlineData("Text[^1]\n\n[^1]: Note.", "<p>Text<a id=\"fnref:1\" href=\"#fn:1\" class=\"footnote-ref\"><sup>1</sup></a></p>\n<div class=\"footnotes\">\n<hr />\n<ol>\n<li id=\"fn:1\">\n<p>Note.<a href=\"#fnref:1\" class=\"footnote-back-ref\">&#8617;</a></p>\n</li>\n</ol>\n</div>")]
    [InlineData("---\ntitle: Hidden\n---\nBody", "<p>Body</p>")]
    public void MarkdigExtrasRender(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    // The page has <base href="/">: a bare "#part" would lead to the home page.
    [Theory]
    [InlineData("[[#Local Heading]]", """<p><a class="wikilink" href="/notes/lecture#local-heading">Local Heading</a></p>""")]
    [InlineData("[see](#part)", """<p><a href="/notes/lecture#part">see</a></p>""")]
    [InlineData("[site](/tags/x) [web](https://example.org/#top)", """<p><a href="/tags/x">site</a> <a href="https://example.org/#top">web</a></p>""")]
    [InlineData("Text[^1]\n\n[^1]: Note.", "<p>Text<a id=\"fnref:1\" href=\"/notes/lecture#fn:1\" class=\"footnote-ref\"><sup>1</sup></a></p>\n<div class=\"footnotes\">\n<hr />\n<ol>\n<li id=\"fn:1\">\n<p>Note.<a href=\"/notes/lecture#fnref:1\" class=\"footnote-back-ref\">&#8617;</a></p>\n</li>\n</ol>\n</div>")]
    public void LinksWithinTheNoteKeepItsAddress(string markdown, string html)
    {
        var page = new TestRenderContext(pageAddress: "/notes/lecture");
        Assert.Equal(html, Render.Markdown.RenderHtml(Render.Markdown.Parse(markdown, "Lecture.md"), page).TrimEnd());
    }
}

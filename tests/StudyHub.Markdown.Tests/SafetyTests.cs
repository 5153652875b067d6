using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Tests;

public class SafetyTests
{
    [Theory]
    [InlineData("[a](javascript:alert(1))", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](JaVaScRiPt:alert(1))", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](jav&#x09;ascript:alert(1))", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](<\u0001javascript:alert(1)>)", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](vbscript:msgbox(1))", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)", """<p><a href="#">a</a></p>""")]
    [InlineData("[a](data:image/png;base64,AAAA)", """<p><a href="#">a</a></p>""")]
    [InlineData("![a](data:image/png;base64,AAAA)", """<p><img src="data:image/png;base64,AAAA" alt="a" /></p>""")]
    [InlineData("![a](data:image/svg+xml;base64,AAAA)", """<p><img src="#" alt="a" /></p>""")]
    [InlineData("<javascript:alert(1)>", """<p><a href="#">#</a></p>""")]
    [InlineData("[a][r]\n\n[r]: javascript:alert(1)", """<p><a href="#">a</a></p>""")]
    [InlineData("> [!note] [a](javascript:alert(1))", "<div class=\"callout\" data-callout=\"note\">\n<div class=\"callout-title\"><a href=\"#\">a</a></div>\n<div class=\"callout-content\">\n</div>\n</div>")]
    [InlineData("> [!note]- <javascript:alert(1)>\n> body", "<div class=\"callout\" data-callout=\"note\" data-callout-fold=\"-\">\n<details>\n<summary class=\"callout-title\"><a href=\"#\">#</a></summary>\n<div class=\"callout-content\">\n<p>body</p>\n</div>\n</details>\n</div>")]
    [InlineData("[a](https://example.com) [b](/notes/x) [c](#frag) [d](mailto:a@b.c) [e](other.html)", """<p><a href="https://example.com">a</a> <a href="/notes/x">b</a> <a href="#frag">c</a> <a href="mailto:a@b.c">d</a> <a href="other.html">e</a></p>""")]
    public void UnsafeLinkUrlIsNeutralised(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "ascript:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>", "javascript")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<script")]
    [InlineData("<object data=\"x.swf\"></object>", "<object")]
    [InlineData("text <b onmouseover=\"alert(1)\">bold</b>", "onmouseover")]
    [InlineData("![[Raw]]", "onclick")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"password\"><button>Log in</button></form>", "<form")]
    [InlineData("Password: <input type=\"password\" placeholder=\"Your StudyHub password\">", "<input")]
    [InlineData("<input placeholder=\"Card number\">", "<input")]
    [InlineData("<div style=\"position:fixed;top:0\">fake dialog</div>", "position")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "data:image/svg")]
    [InlineData("<a href=\"data:text/html,<script>\">x</a>", "data:")]
    [InlineData("<a href=\" &#14; javascript:alert(1)\">x</a>", "javascript")]
    [InlineData("<div data-lecture-player><div data-player=\"youtube\" data-youtube-api=\"/attachments/x/gadget.js\"></div></div>", "data-youtube-api")]
    [InlineData("<div data-graph data-src=\"/api/graph\" data-cytoscape=\"/attachments/x/gadget.js\"></div>", "data-cytoscape")]
    [InlineData("<div data-discussion=\"other-note\" data-signed-in=\"true\"></div>", "data-discussion")]
    [InlineData("<img name=\"getElementById\" src=\"x.png\">", "name=")]
    public void RawHtmlIsSanitised(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, Render.Html(markdown), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void TaskCheckboxesSurviveTheSanitizer()
    {
        var html = Render.Html("- [x] read <u onclick=\"alert(1)\">CLIP</u> <input type=\"text\">");

        Assert.Contains("<input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\">", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("type=\"text\"", html);
    }

    public static TheoryData<string> HostileRawHtml() =>
    [
        "<b onclick=\"alert(1)\">bold</b> and *<i onmouseover=\"alert(1)\">more</i>*",
        "text <a href=\"javascript:alert(1)\">click</a> more",
        "<a href=\"javascript:alert(1)\">\n\nparagraph between\n\n</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<div>\n\n<img src=x onerror=alert(1)>\n\n</div>",
        "<details>\n<summary>More</summary>\n\nHidden [[Note]] <script>alert(1)</script>\n\n</details>",
        "- item <span onclick=\"alert(1)\">x</span>\n- <div>\n\n  nested <b onmouseover=alert(1)>y</b>\n\n  </div>",
        "> [!note] <img src=x onerror=alert(1)>\n> <iframe src=\"https://evil.example\"></iframe>",
        "| a |\n|---|\n| <b onclick=alert(1)>x</b> |",
        "Text[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
        "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg>\n\n<script>alert(1)</script>\n\n</svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<style>\n\n@import url(javascript:alert(1));\n\n</style>\n\nafter",
        "<!--\n\n<img src=x onerror=alert(1)>\n\n-->",
        "<!-- [[Note]]\n\n<img src=x onerror=alert(1)>",
        "<textarea>\n\n</textarea><img src=x onerror=alert(1)>",
        "<xmp>\n\n<img src=x onerror=alert(1)>\n\n</xmp>",
        "</div></div></div><img src=x onerror=alert(1)>",
        "<table><tr><td>\n\n<img src=x onerror=alert(1)>\n\n</td></tr></table>",
        "<div style=\"background:url(javascript:alert(1))\">\n\nx\n\n</div>",
        "- ![[Raw]]\n- <b>item</b>",
        "<b>![[Raw]]</b>",
        "<span class=\"x\" onclick=\"alert(1)\">y</span>",
        "<span class=x onmouseover=alert(1)>y</span>",
        "<span style=\"background:url(javascript:alert(1))\">y</span>",
        "<b>bold across\n\nparagraphs <img src=x onerror=alert(1)></b>",
        "*<b>x*</b> <i onclick=alert(1)>y</i>",
    ];

    // Raw HTML is sanitized in the parts of the note around it; tags split across inlines, blocks that open in one
    // block and close in another, and transcluded notes must all land inside such a part.
    [Theory]
    [MemberData(nameof(HostileRawHtml))]
    public void HostileRawHtmlIsRemovedWhereverItIsSplit(string markdown)
    {
        var html = Render.Html(markdown);

        Assert.Empty(Render.SanitizerRemovals(html));
        foreach (var forbidden in new[] { "onerror", "onclick", "onmouseover", "javascript", "alert", "<script", "<iframe", "<style", "<svg", "<math", "<textarea", "<xmp", "<noscript" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("<b>bold</b> and [[Note]]\n\nplain ![[image.png]]", "<p><b>bold</b> and <a class=\"wikilink\" href=\"/notes/Note\">Note</a></p>\n<p>plain <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\" /></p>")]
    [InlineData("<details>\n<summary>More</summary>\n\nBody **text**\n\n</details>\n\nAfter", "<details>\n<summary>More</summary>\n<p>Body <strong>text</strong></p>\n</details>\n<p>After</p>")]
    [InlineData("<div>\n\nnever closed\n\n## Heading", "<div>\n<p>never closed</p>\n<h2 id=\"heading\">Heading</h2>\n</div>")]
    [InlineData("<span>open\n\nnext paragraph</span>", "<p><span>open</span></p>\n<p>next paragraph</p>")]
    public void RawHtmlKeepsItsStructureAcrossBlocks(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    // Simple tags (SafeInlineTag) closed in the paragraph, emphasis or link they open in need no sanitizer: they are
    // written back canonically and the image embed beside them keeps Markdig's " />". Anything else sends the block
    // through the sanitizer, which writes the image as "<img …>".
    [Theory]
    [InlineData("a <span class='flair'>x</span><br/> <SPAN CLASS=big>y</SPAN> ![[image.png]]", "<p>a <span class=\"flair\">x</span><br> <span class=\"big\">y</span> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\" /></p>")]
    [InlineData("<span title='say \"hi\" <b>'>x</span> ![[image.png]]", "<p><span title=\"say &quot;hi&quot; &lt;b&gt;\">x</span> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\" /></p>")]
    [InlineData("*<u>under</u>* [<kbd>Ctrl</kbd>](https://x.org) ![[image.png]]", "<p><em><u>under</u></em> <a href=\"https://x.org\"><kbd>Ctrl</kbd></a> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\" /></p>")]
    [InlineData("| <s>a</s> |\n|---|\n| <b>b</b> ![[image.png]] |", "<table>\n<thead>\n<tr>\n<th><s>a</s></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><b>b</b> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\" /></td>\n</tr>\n</tbody>\n</table>")]
    [InlineData("<span id=\"a\">x</span> ![[image.png]]", "<p><span id=\"a\">x</span> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\"></p>")]
    [InlineData("<span title=\"a &amp; b\">x</span> ![[image.png]]", "<p><span title=\"a &amp; b\">x</span> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\"></p>")]
    [InlineData("<span>x ![[image.png]]", "<p><span>x <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\"></span></p>")]
    [InlineData("*<b>x*</b> ![[image.png]]", "<p><em><b>x</b></em> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\"></p>")]
    [InlineData("x</br> ![[image.png]]", "<p>x<br> <img src=\"/files/image.png\" alt=\"image.png\" loading=\"lazy\"></p>")]
    public void SimpleInlineTagsClosedWhereTheyOpenNeedNoSanitizer(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Fact]
    public void SimpleInlineTagsAreAllowedByTheSanitizerToo()
    {
        var sanitizer = HtmlSafety.Create();

        Assert.Subset(sanitizer.AllowedTags.ToHashSet(), SafeInlineTag.Elements.ToHashSet());
        Assert.Subset(sanitizer.AllowedAttributes.ToHashSet(), SafeInlineTag.Attributes.ToHashSet());
    }

    [Theory]
    [InlineData("<span title='\" onclick=\"alert(1)'>x</span>")]
    [InlineData("<span title=\"' onclick='alert(1)\">x</span>")]
    [InlineData("<span title=a\"onclick=alert(1)>x</span>")]
    public void AttributeValueCannotBreakOutOfItsQuotes(string markdown)
    {
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Render.Html(markdown));

        Assert.All(document.All, element => Assert.DoesNotContain(element.Attributes, attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true, "<b>", "</b>")]
    [InlineData(true, "<details>\n<summary>S</summary>", "</details>")]
    [InlineData(true, "<br>", "<img src=\"a>b.png\" alt='x'>", "<p/>", "<hr />")]
    [InlineData(true, "<div><span>", "</div>")]
    [InlineData(true, "<script>if (a < b) { x = '</div>' }</script>")]
    [InlineData(true, "<!-- <div> -->", "</p>")]
    [InlineData(false, "<div>", "<span>", "</span>")]
    [InlineData(false, "<style>", "p { }")]
    [InlineData(false, "<!-- never closed")]
    [InlineData(false, "<div title=\"x>\"")]
    public void RawHtmlNestingTellsWhenWhatWasOpenedIsClosed(bool balanced, params string[] fragments)
    {
        var nesting = new RawHtmlNesting();
        foreach (var fragment in fragments)
        {
            nesting.Read(fragment);
        }

        Assert.Equal(balanced, nesting.IsBalanced);
    }

    [Fact]
    public void RawHtmlNestedTooDeeplyIsTakenToStayOpen()
    {
        var nesting = new RawHtmlNesting();

        nesting.Read(string.Concat(Enumerable.Repeat("<div>", 1_000)) + string.Concat(Enumerable.Repeat("</div>", 1_000)));

        Assert.False(nesting.IsBalanced);
    }

    [Fact]
    public void SanitisingKeepsRasterDataImages() =>
        Assert.Contains("src=\"data:image/png;base64,AAAA\"", Render.Html("<img src=\"data:image/png;base64,AAAA\">"), StringComparison.Ordinal);

    [Fact]
    public void SanitisingKeepsOwnMarkup()
    {
        // Raw HTML around everything puts all of the note in the part that is sanitized.
        var html = Render.Html("<div>\n\n## Heading\n\n<b>raw</b> [[Note]] #tag 28:00 ==mark== ![[image.png|300]] ![[missing.png]] ^block\n\n> [!tip]- Folded\n> body\n\n</div>");

        Assert.Contains("<b>raw</b>", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="wikilink" href="/notes/Note">Note</a>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="tag" href="/tags/tag">#tag</a>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="timestamp" href="?t=1680" data-seconds="1680">28:00</a>""", html, StringComparison.Ordinal);
        Assert.Contains("<mark>mark</mark>", html, StringComparison.Ordinal);
        Assert.Contains("""<img src="/files/image.png" alt="image.png" width="300" loading="lazy">""", html, StringComparison.Ordinal);
        Assert.Contains("""<div class="callout" data-callout="tip" data-callout-fold="-">""", html, StringComparison.Ordinal);
        Assert.Contains("""<span class="embed-missing" data-target="missing.png">""", html, StringComparison.Ordinal);
        Assert.Contains("<details>", html, StringComparison.Ordinal);
        Assert.Contains("""<h2 id="heading">""", html, StringComparison.Ordinal);
        Assert.Contains("""<p id="^block">""", html, StringComparison.Ordinal);
    }

    // An image's description becomes its alt attribute, written with inline HTML turned off; our own inlines must then
    // write text too, or their quotes end the attribute and the rest of their markup lands inside the <img> tag.
    [Theory]
    [InlineData("![a [[Note]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a Note b\" /></p>")]
    [InlineData("![a [[Nope|x\" y=z]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a x&quot; y=z b\" /></p>")]
    [InlineData("![a ![[image.png]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a image.png b\" /></p>")]
    [InlineData("![a ![[missing.png]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a missing.png b\" /></p>")]
    [InlineData("![a ![[talk.mp3]] ![[paper.pdf]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a talk.mp3 paper.pdf b\" /></p>")]
    [InlineData("![a ![[Raw]] b](https://e.com/y.png)", "<p><img src=\"https://e.com/y.png\" alt=\"a Raw b\" /></p>")]
    public void OwnInlinesInAnImageDescriptionWriteText(string markdown, string html) => Assert.Equal(html, Render.Html(markdown));

    [Theory]
    [InlineData("[[<script>alert(1)</script>]]")]
    [InlineData("![[\"><script>alert(1)</script>.png]]")]
    [InlineData("#tag<script>")]
    [InlineData("> [!note\"onclick=\"x] t")]
    public void OwnMarkupEscapesNoteText(string markdown) =>
        Assert.DoesNotContain("<script", Render.Html(markdown), StringComparison.OrdinalIgnoreCase);
}

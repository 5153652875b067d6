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
    public void SanitisingKeepsRasterDataImages() =>
        Assert.Contains("src=\"data:image/png;base64,AAAA\"", Render.Html("<img src=\"data:image/png;base64,AAAA\">"), StringComparison.Ordinal);

    [Fact]
    public void SanitisingKeepsOwnMarkup()
    {
        var html = Render.Html("## Heading\n\n<b>raw</b> [[Note]] #tag 28:00 ==mark== ![[image.png|300]] ![[missing.png]] ^block\n\n> [!tip]- Folded\n> body");

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

    [Theory]
    [InlineData("[[<script>alert(1)</script>]]")]
    [InlineData("![[\"><script>alert(1)</script>.png]]")]
    [InlineData("#tag<script>")]
    [InlineData("> [!note\"onclick=\"x] t")]
    public void OwnMarkupEscapesNoteText(string markdown) =>
        Assert.DoesNotContain("<script", Render.Html(markdown), StringComparison.OrdinalIgnoreCase);
}

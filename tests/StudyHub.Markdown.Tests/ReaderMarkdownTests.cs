namespace StudyHub.Markdown.Tests;

/// What readers write in annotations and comments: markdown, but never markup of their own, never a link that runs
/// script or carries a document, and every link marked as user content.
public class ReaderMarkdownTests
{
    const string Rel = "rel=\"nofollow noopener noreferrer ugc\"";

    [Theory]
    [InlineData("**bold**, *italic* and ==marked==", "<p><strong>bold</strong>, <em>italic</em> and <mark>marked</mark></p>")]
    [InlineData("`<b>code</b>`", "<p><code>&lt;b&gt;code&lt;/b&gt;</code></p>")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("a <img src=x onerror=alert(1)> b", "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>")]
    [InlineData("<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>")]
    [InlineData("<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>",
        "<p>&lt;div&gt;\n&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;\n&lt;/div&gt;</p>")]
    [InlineData("<!-- <script> -->", "<p>&lt;!-- &lt;script&gt; --&gt;</p>")]
    public void RawHtmlIsShownAsText(string markdown, string html) => Assert.Equal(html, ReaderMarkdown.ToHtml(markdown).TrimEnd());

    [Theory]
    [InlineData("[a](javascript:alert(1))", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](JaVaScRiPt:alert(1))", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](&#106;avascript:alert(1))", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](<jav\tascript:alert(1)>)", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](java\u200Bscript:alert(1))", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](vbscript:msgbox(1))", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](data:image/png;base64,AAAA)", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a](file:///etc/passwd)", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("[a][r]\n\n[r]: javascript:alert(1)", $"<p><a href=\"#\" {Rel}>a</a></p>")]
    [InlineData("<javascript:alert(1)>", $"<p><a href=\"#\" {Rel}>#</a></p>")]
    [InlineData("![a](javascript:alert(1))", "<p><img src=\"#\" alt=\"a\" /></p>")]
    [InlineData("![a](data:image/svg+xml;base64,PHN2Zz4=)", "<p><img src=\"#\" alt=\"a\" /></p>")]
    public void UnsafeLinksLeadNowhere(string markdown, string html) => Assert.Equal(html, ReaderMarkdown.ToHtml(markdown).TrimEnd());

    [Theory]
    [InlineData("[the paper](https://arxiv.org/abs/2103.00020)", $"<p><a href=\"https://arxiv.org/abs/2103.00020\" {Rel}>the paper</a></p>")]
    [InlineData("see https://example.com/clip", $"<p>see <a href=\"https://example.com/clip\" {Rel}>https://example.com/clip</a></p>")]
    [InlineData("see www.example.com", $"<p>see <a href=\"http://www.example.com\" {Rel}>www.example.com</a></p>")]
    [InlineData("<https://example.com>", $"<p><a href=\"https://example.com\" {Rel}>https://example.com</a></p>")]
    [InlineData("[mail](mailto:tutor@example.org)", $"<p><a href=\"mailto:tutor@example.org\" {Rel}>mail</a></p>")]
    [InlineData("[another note](/notes/clip)", $"<p><a href=\"/notes/clip\" {Rel}>another note</a></p>")]
    [InlineData("[t](https://example.com \"\\\" onmouseover=\\\"alert(1)\")",
        $"<p><a href=\"https://example.com\" title=\"&quot; onmouseover=&quot;alert(1)\" {Rel}>t</a></p>")]
    public void LinksAreMarkedAsUserContent(string markdown, string html) => Assert.Equal(html, ReaderMarkdown.ToHtml(markdown).TrimEnd());
}

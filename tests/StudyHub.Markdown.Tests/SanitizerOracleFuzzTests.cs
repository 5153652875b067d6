using System.Text;

namespace StudyHub.Markdown.Tests;

// Rendering sends only the parts of a note around raw HTML through HtmlSanitizer and writes simple inline tags itself.
// Whatever the note, the result must be as if the whole page had been sanitized: the sanitizer, run once more over all
// of the output, finds nothing to remove. The notes are random mixtures of hostile raw HTML, markdown structure and
// transclusions of hostile notes, from a fixed seed so a failure can be replayed.
public class SanitizerOracleFuzzTests
{
    private static readonly string[] RawHtml =
    [
        // Simple inline tags, well and badly formed, closed and not.
        "<b>", "</b>", "<i>", "</i>", "<span>", "</span>", "<span class=\"x\">", "<SPAN LANG=en dir='rtl'>", "<span title='a\"b<c>'>",
        "<span title=\"x>", "<span title=x title=y>", "<span title=\"a &amp; b\">", "<code>", "</code>", "<q>", "</q>", "<sub>", "</sub>",
        "<br>", "<br/>", "</br>", "<wbr>", "<b/>", "<kbd class=k>", "</kbd>", "<time>", "</time>", "<mark>", "</mark>", "<s>", "</s>",
        // Event handlers, script URLs and entity or whitespace tricks in them.
        "<img src=x onerror=alert(1)>", "<b onclick=alert(1)>", "<span class=x onmouseover=alert(1)>", "<span title=\"a\" onclick=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">", "<a href=\"&#106;avascript:alert(1)\">", "<a href=\"jav&#x09;ascript:alert(1)\">",
        "<a href=\" &#14; javascript:alert(1)\">", "<a href=JaVaScRiPt:alert(1)>", "<a href=\"vbscript:msgbox(1)\">",
        "<a href=\"data:text/html,<script>alert(1)</script>\">", "</a>", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
        "<div style=\"background:url(javascript:alert(1))\">", "<div style=\"position:fixed\">", "<custom-tag onfocus=alert(1) autofocus>",
        "<input onfocus=alert(1) autofocus>", "<video><source onerror=alert(1)>", "<div data-discussion=x data-signed-in=true>",
        "<img name=getElementById src=x.png>", "<base href=\"javascript:/\">", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=x.css>", "<object data=x.swf>", "<embed src=x.swf>", "<iframe src=https://evil.example>", "</iframe>",
        "<form action=https://evil.example>", "<button>", "<select><option>",
        // Elements whose content the HTML parser reads differently: raw text, foreign content, templates.
        "<script>alert(1)</script>", "<script>", "</script>", "<style>", "</style>", "<style>*{}</style>", "<svg>", "</svg>",
        "<svg><style>", "<svg><a href=\"javascript:alert(1)\">", "<math>", "<mtext>", "<mglyph>", "<math><mtext><table><mglyph><style>",
        "<noscript>", "</noscript>", "<template>", "</template>", "<textarea>", "</textarea>", "<title>", "</title>", "<xmp>", "</xmp>",
        "<plaintext>", "<noembed>", "</noembed>", "<noframes>", "<iframe>", "<p title=\"</p><img src=x onerror=alert(1)>\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        // Comments, CDATA, processing instructions and declarations that could swallow the tags that follow.
        "<!--", "-->", "--!>", "<!-- x -->", "<![CDATA[", "]]>", "<?php ", "?>", "<!X ", "<!DOCTYPE html>",
        // Block-level and table elements, open and closed.
        "<div>", "</div>", "<details open>", "</details>", "<summary>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<p>", "</p>", "<p/>",
        "<pre>", "</pre>", "<ul>", "<li>", "</ul>", "<h1>", "</h1>", "<blockquote>",
        // Loose quote and bracket characters that might leave an attribute open.
        "\"", "'", "<", ">", "&lt;", "&#60;", "&quot;", "=", "`",
    ];

    private static readonly string[] Markdown =
    [
        "\n", "\n", "\n\n", "\n\n", "- ", "1. ", "> ", "> [!note] ", "> [!tip]- ", "| a | b |\n|---|---|\n| ", " | ", "[^1]", "\n[^1]: ",
        "# ", "## ", "```\n", "`", "    ", "*", "**", "_", "~~", "==", "[", "](javascript:alert(1))", "](https://e.com \"t\")", "]",
        "![", "](https://e.com/y.png)", "[a][r]", "\n[r]: javascript:alert(1)\n", "<javascript:alert(1)>", "<https://e.com/a\"onmouseover=alert(1)>",
        "https://e.com/x\"onclick=alert(1)", "www.e.com/<b>", "mailto:a@b.c", "[[Note]]", "[[Note|<b onclick=alert(1)>x</b>]]",
        "[[Note#<img src=x onerror=alert(1)>]]", "[[Nope|a \" b]]", "![[Raw]]", "![[Open]]", "![[Comment]]", "![[Safe]]", "![[SafeOpen]]",
        "![[Textarea]]", "![[Table]]", "![[Other#Part]]", "![[image.png]]", "![[talk.mp3]]", "![[missing.png]]", "#tag", "12:34", "$x<y$",
        "%%", "\\", " ", "text", "^blk", "\t", "&#106;avascript:", "---\n",
    ];

    private static readonly TestRenderContext Vault = new(
        notes: ["Note"],
        attachments: ["image.png", "talk.mp3"],
        noteSources: new Dictionary<string, string>
        {
            ["Other"] = "# Other\n\n## Part\n\n<b>part</b> <i onclick=alert(1)>x</i>\n\n## Next\n\n</div>",
            ["Raw"] = "<span onclick=\"alert(1)\">raw</span>",
            ["Open"] = "<div>\n\nopen <b>bold",
            ["Comment"] = "x <!-- open",
            ["Safe"] = "<b>bold</b> and <span class=x>y</span>",
            ["SafeOpen"] = "<b>bold and <span class=x>y",
            ["Textarea"] = "<textarea>",
            ["Table"] = "| a |\n|---|\n| <b>x |",
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void HostileNotesLeaveTheSanitizerNothingToRemove(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2_500; i++)
        {
            var source = new StringBuilder();
            for (var length = random.Next(1, 40); length > 0; length--)
            {
                var pieces = random.Next(2) == 0 ? RawHtml : Markdown;
                source.Append(pieces[random.Next(pieces.Length)]);
            }

            var markdown = source.ToString();
            var html = Render.Markdown.RenderHtml(Render.Markdown.Parse(markdown, "Fuzz.md"), Vault);

            Assert.True(Render.SanitizerRemovals(html).Count == 0,
                $"Note {i} of seed {seed}: {Escape(markdown)}\nrendered as: {html}\nthe sanitizer removes: {string.Join("; ", Render.SanitizerRemovals(html))}");
        }
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}

using System.Net;
using System.Text;

namespace StudyHub.Web.Features.Notes;

/// The words of a rendered note without markup, for search and snippets. Our renderer's HTML is well
/// formed, so skipping tags is enough; block ends become line breaks so words do not run together, and
/// placeholders for missing embeds are not part of what the note says.
public static class PlainText
{
    static readonly HashSet<string> BlockEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "pre", "tr", "td", "th", "br", "hr", "summary", "details",
    };

    const string MissingEmbed = "span class=\"embed-missing\"";

    public static string FromHtml(string html)
    {
        var text = new StringBuilder(html.Length);
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf('<', at);
            if (open < 0)
            {
                text.Append(html, at, html.Length - at);
                break;
            }
            text.Append(html, at, open - at);
            var close = html.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }
            var tag = html.AsSpan(open + 1, close - open - 1);
            if (tag.StartsWith(MissingEmbed) && html.IndexOf("</span>", close, StringComparison.Ordinal) is var end and >= 0)
            {
                at = end + "</span>".Length;
                continue;
            }
            if (BlockEnds.Contains(TagName(tag)))
            {
                text.Append('\n');
            }
            at = close + 1;
        }
        // One line per block: blank lines and the indentation of the HTML carry nothing.
        return string.Join('\n', WebUtility.HtmlDecode(text.ToString())
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    /// The first line of real prose, for link previews and descriptions: not a field, a tag or a bare link.
    public static string Lead(string plainText, int maxLength = 200)
    {
        var line = plainText.Split('\n', StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => l.Length >= 40 && !l.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !LooksLikeField(l)) ?? "";
        if (line.Length <= maxLength)
        {
            return line;
        }
        var cut = line.LastIndexOf(' ', maxLength);
        return line[..(cut > 0 ? cut : maxLength)] + "…";
    }

    static bool LooksLikeField(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and < 30 && !line.AsSpan(0, colon).Contains(' ');
    }

    static string TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var end = tag.IndexOfAny(' ', '/', '\n');
        return (end < 0 ? tag : tag[..end]).ToString();
    }
}

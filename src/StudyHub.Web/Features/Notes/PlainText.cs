using System.Net;
using System.Text;

namespace StudyHub.Web.Features.Notes;

/// The words of a rendered note without markup, for search and snippets. Our renderer's HTML is well
/// formed, so skipping tags is enough; block ends become line breaks so words do not run together.
public static class PlainText
{
    static readonly HashSet<string> BlockEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "pre", "tr", "td", "th", "br", "hr", "summary", "details",
    };

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
            var name = TagName(html.AsSpan(open + 1, close - open - 1));
            if (BlockEnds.Contains(name))
            {
                text.Append('\n');
            }
            at = close + 1;
        }
        return WebUtility.HtmlDecode(text.ToString()).Trim();
    }

    static string TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var end = tag.IndexOfAny(' ', '/', '\n');
        return (end < 0 ? tag : tag[..end]).ToString();
    }
}

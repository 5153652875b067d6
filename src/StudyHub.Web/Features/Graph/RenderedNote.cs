using StudyHub.Web.Features.Concepts;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Graph;

/// What the graph reads from a note's rendered HTML: the notes and concepts each section links to (sections
/// split by headings and rules), and the prose outside links, code and embedded notes, where plain-text
/// mentions are looked for.
public sealed partial class RenderedNote
{
    static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "li", "ul", "ol", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr", "td", "th",
        "details", "summary", "figure", "figcaption", "dt", "dd", "section",
    };

    RenderedNote(List<HashSet<string>> sections, string prose)
    {
        Sections = sections;
        Prose = prose;
    }

    /// For each section, the slugs of the notes and concepts it links to.
    public IReadOnlyList<HashSet<string>> Sections { get; }

    /// The note's text without links, code or embedded notes; blocks and skipped parts are separated by new lines.
    public string Prose { get; }

    public static RenderedNote Read(string html)
    {
        var sections = new List<HashSet<string>> { new(StringComparer.Ordinal) };
        var prose = new StringBuilder(html.Length / 2);
        string? skipping = null;
        var skipDepth = 0;
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf('<', at);
            var textEnd = open < 0 ? html.Length : open;
            if (skipping is null && textEnd > at)
            {
                var text = html.AsSpan(at, textEnd - at);
                if (text.Contains('&'))
                {
                    prose.Append(WebUtility.HtmlDecode(text.ToString()));
                }
                else
                {
                    prose.Append(text);
                }
            }
            if (open < 0)
            {
                break;
            }
            var close = EndOfTag(html, open);
            var tag = html.AsSpan(open + 1, close - open - 1);
            at = close + 1;

            var closing = tag.Length > 0 && tag[0] == '/';
            var name = NameOf(closing ? tag[1..] : tag);
            if (name.Length == 0)
            {
                continue;
            }
            if (skipping is not null)
            {
                if (name == skipping)
                {
                    skipDepth += closing ? -1 : 1;
                    skipping = skipDepth == 0 ? null : skipping;
                }
                continue;
            }
            if (BlockTags.Contains(name))
            {
                prose.Append('\n');
            }
            if (closing)
            {
                continue;
            }
            if (name is "hr" || (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6'))
            {
                sections.Add(new HashSet<string>(StringComparer.Ordinal));
            }
            var skip = name switch
            {
                "a" => true,
                "code" or "pre" or "script" or "style" or "svg" or "math" => true,
                "div" => HasClass(tag, "embed-note-content"),
                "span" => HasClass(tag, "embed-missing"),
                _ => false,
            };
            if (name == "a" && HasClass(tag, "wikilink") && TargetOf(tag) is { } target)
            {
                sections[^1].Add(target);
            }
            if (skip && !tag.EndsWith("/"))
            {
                skipping = name;
                skipDepth = 1;
                prose.Append('\n');
            }
        }
        return new RenderedNote(sections, prose.ToString());
    }

    static int EndOfTag(string html, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }
        return html.Length - 1;
    }

    static string NameOf(ReadOnlySpan<char> tag)
    {
        var end = 0;
        while (end < tag.Length && char.IsAsciiLetterOrDigit(tag[end]))
        {
            end++;
        }
        return tag[..end].ToString().ToLowerInvariant();
    }

    static bool HasClass(ReadOnlySpan<char> tag, string name) =>
        ClassAttribute().Match(tag.ToString()) is { Success: true } match && match.Groups[1].Value.Split(' ').Contains(name);

    /// What a wikilink's href names, without fragment or query: a note's address (or slug, in HTML from before
    /// addresses) from /notes/{address}, or a concept's slug from /concepts/{slug}.
    static string? TargetOf(ReadOnlySpan<char> tag)
    {
        if (HrefAttribute().Match(tag.ToString()) is not { Success: true } match)
        {
            return null;
        }
        var href = WebUtility.HtmlDecode(match.Groups[1].Value);
        var (path, ends) = href.StartsWith(NoteAddress.Prefix, StringComparison.Ordinal) ? (href[NoteAddress.Prefix.Length..], "#?")
            : href.StartsWith(ConceptAddress.Prefix, StringComparison.Ordinal) ? (href[ConceptAddress.Prefix.Length..], "#?/")
            : (null, "");
        if (path is null)
        {
            return null;
        }
        var end = path.AsSpan().IndexOfAny(ends);
        var target = Uri.UnescapeDataString(end < 0 ? path : path[..end]);
        return target.Length == 0 ? null : target;
    }

    [GeneratedRegex(@"\sclass\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex ClassAttribute();

    [GeneratedRegex(@"\shref\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex HrefAttribute();
}

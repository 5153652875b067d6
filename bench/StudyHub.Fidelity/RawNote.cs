using System.Text.RegularExpressions;

namespace StudyHub.Fidelity;

/// What a note's file says, read with a few regular expressions over the raw text and deliberately not with
/// StudyHub.Markdown: the independent count the rendered pages are compared with.
public sealed record RawNote(string Path, string Name, int Links, int Embeds, IReadOnlySet<string> Tags)
{
    public static RawNote Read(string path, string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var frontMatter = FrontMatter.Match(text);
        var body = frontMatter.Success ? text[frontMatter.Length..] : text;
        foreach (var hidden in new[] { Fence, InlineCode, Comment, HtmlComment })
        {
            body = hidden.Replace(body, " ");
        }

        var markdownLinks = MarkdownLink.Matches(body).Count(m => IsVaultNote(m.Groups["url"].Value));
        var tags = FrontMatterTags(frontMatter.Groups["yaml"].Value)
            .Concat(InlineTag.Matches(WikiLink.Replace(body, " ")).Select(m => m.Groups["tag"].Value.TrimEnd('/')).Where(t => !t.All(char.IsDigit)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var title = Title.Match(frontMatter.Groups["yaml"].Value) is { Success: true } t ? Unquote(t.Groups["title"].Value) : null;
        return new RawNote(
            path,
            string.IsNullOrWhiteSpace(title) ? System.IO.Path.GetFileNameWithoutExtension(path) : title,
            WikiLink.Matches(body).Count(m => m.Groups["embed"].Length == 0) + markdownLinks,
            WikiLink.Matches(body).Count(m => m.Groups["embed"].Length > 0) + MarkdownImage.Count(body) + HtmlImage.Count(body),
            tags);
    }

    static IEnumerable<string> FrontMatterTags(string yaml)
    {
        var tags = TagsKey.Match(yaml);
        if (!tags.Success)
        {
            return [];
        }
        var value = tags.Groups["inline"].Value.Trim().TrimStart('[').TrimEnd(']');
        var items = value.Length > 0 ? value.Split(',', ' ') : tags.Groups["list"].Captures.Select(c => c.Value).ToArray();
        return items.Select(i => Unquote(i).TrimStart('#')).Where(i => i.Length > 0);
    }

    // A relative link to a .md file, which Obsidian writes when wikilinks are turned off.
    static bool IsVaultNote(string url)
    {
        var path = Uri.UnescapeDataString(url.Trim('<', '>')).Split('#')[0];
        return !Scheme.IsMatch(path) && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
    }

    static string Unquote(string value) => value.Trim().Trim('"', '\'').Trim();

    static readonly Regex FrontMatter = new(@"\A---[ \t]*\n(?<yaml>.*?)\n?(---|\.\.\.)[ \t]*(\n|\z)", RegexOptions.Singleline);
    static readonly Regex Title = new(@"^title:[ \t]*(?<title>.+?)[ \t]*$", RegexOptions.Multiline);
    static readonly Regex TagsKey = new(@"^tags?:[ \t]*(?<inline>[^\n]*)\n?(?:[ \t]*-[ \t]*(?<list>[^\n]+)\n?)*", RegexOptions.Multiline);
    static readonly Regex Fence = new(@"^(?<indent>[ \t>]*)(?<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t>]*\k<fence>[ \t]*$|\z)", RegexOptions.Multiline | RegexOptions.Singleline);
    static readonly Regex Comment = new("%%.*?(%%|\\z)", RegexOptions.Singleline);
    static readonly Regex HtmlComment = new("<!--.*?(-->|\\z)", RegexOptions.Singleline);
    // An escaped backtick (\`) is a backtick shown, and opens no code.
    static readonly Regex InlineCode = new(@"(?<!\\)(?<ticks>`+)[^`\n].*?\k<ticks>");
    static readonly Regex WikiLink = new(@"(?<embed>!?)\[\[(?<target>[^\[\]\n]+)\]\]");
    static readonly Regex MarkdownLink = new(@"(?<![!\]])\[[^\[\]\n]*\]\((?<url><[^>\n]*>|[^)\s]+)(?:\s+""[^""\n]*"")?\)");
    static readonly Regex MarkdownImage = new(@"!\[[^\[\]\n]*\]\((<[^>\n]+>|[^)\s]+)(?:\s+""[^""\n]*"")?\)");
    static readonly Regex HtmlImage = new(@"<img\b", RegexOptions.IgnoreCase);
    static readonly Regex InlineTag = new(@"(?<=^|\s)#(?<tag>[\p{L}\p{N}_\-/]+)", RegexOptions.Multiline);
    static readonly Regex Scheme = new("^[a-zA-Z][a-zA-Z0-9+.-]*:");
}

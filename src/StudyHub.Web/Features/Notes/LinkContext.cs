using System.Text.RegularExpressions;

namespace StudyHub.Web.Features.Notes;

/// The sentence a link stands in, as a reader would quote it: markup dropped, wikilinks shown as their text.
public static partial class LinkContext
{
    const int MaxLength = 280;

    public static string SentenceAround(string markdown, int offset)
    {
        if (offset < 0 || offset >= markdown.Length)
        {
            return "";
        }
        var start = offset;
        while (start > 0 && offset - start < MaxLength && !EndsSentence(markdown, start - 1))
        {
            start--;
        }
        var end = offset;
        while (end < markdown.Length && end - offset < MaxLength && !EndsSentence(markdown, end))
        {
            end++;
        }
        if (end < markdown.Length && markdown[end] is '.' or '!' or '?')
        {
            end++;
        }
        return Clean(markdown[start..end]);
    }

    static bool EndsSentence(string text, int at) =>
        text[at] == '\n' || (text[at] is '.' or '!' or '?' && (at + 1 == text.Length || char.IsWhiteSpace(text[at + 1])));

    static string Clean(string text)
    {
        text = WikiLink().Replace(text, match => match.Groups["alias"].Success ? match.Groups["alias"].Value : match.Groups["target"].Value);
        text = Markup().Replace(text, "");
        return Spaces().Replace(text, " ").Trim(' ', '-', '>', '\t');
    }

    [GeneratedRegex(@"!?\[\[(?<target>[^\]|#]*)(#[^\]|]*)?(\|(?<alias>[^\]]*))?\]\]")]
    private static partial Regex WikiLink();

    [GeneratedRegex(@"==|\*\*|__|(?<!\w)[*_](?!\s)|`")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

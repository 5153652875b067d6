using Markdig.Extensions.AutoLinks;
using Markdig.Helpers;
using Markdig.Parsers;

namespace StudyHub.Markdown.Rendering;

// Markdig's autolinker, tried only where a bare URL of a scheme the link policy allows can be told apart: at the ':'
// of "http://", "https://" and "mailto:" and the '.' of "www.", whose scheme ends the text read before (see TextBefore).
// Markdig opens it at every 'h', 'f', 'm', 't' and 'w' in prose instead, which cost a third of our parse time. The
// autolinker itself reads the URL from the scheme on, so links come out as Markdig makes them.
internal sealed class BareUrlInlineParser : InlineParser
{
    private readonly AutoLinkParser autoLinks;

    public BareUrlInlineParser(AutoLinkParser autoLinks)
    {
        this.autoLinks = autoLinks;
        OpeningCharacters = [':', '.'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (TextBefore.LiteralAt(processor, slice) is not { } literal)
        {
            return false;
        }

        var before = literal.Content.AsSpan();
        var schemeLength = slice.CurrentChar == '.'
            ? (before.EndsWith("www", StringComparison.Ordinal) ? 3 : 0)
            : before.EndsWith("https", StringComparison.Ordinal) ? 5
            : before.EndsWith("http", StringComparison.Ordinal) ? 4
            : before.EndsWith("mailto", StringComparison.Ordinal) ? 6
            : 0;
        if (schemeLength == 0)
        {
            return false;
        }

        var start = slice.Start - schemeLength;
        var url = new StringSlice(slice.Text, start, slice.End);
        if (!autoLinks.Match(processor, ref url))
        {
            return false;
        }

        TextBefore.CutFrom(processor, literal, start);
        slice = url;
        return true;
    }
}

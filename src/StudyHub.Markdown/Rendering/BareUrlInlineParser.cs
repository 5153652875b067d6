using Markdig.Extensions.AutoLinks;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Rendering;

// Markdig's autolinker, tried only where a bare URL of a scheme the link policy allows can start: at the ':' of
// "http://", "https://" and "mailto:" and the '.' of "www.", whose scheme the text just before it ends with. Markdig
// opens it at every 'h', 'f', 'm', 't' and 'w' in prose instead, which cost a third of our parse time. On a match the
// scheme is cut from that text and the autolinker reads the URL from there, so links come out as Markdig makes them.
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
        if (processor.Inline is not LiteralInline literal || literal.Content.Text != slice.Text || literal.Content.End != slice.Start - 1)
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

        if (literal.Content.Start == start)
        {
            literal.Remove();
        }
        else
        {
            literal.Content = new StringSlice(literal.Content.Text, literal.Content.Start, start - 1);
            literal.Span = new SourceSpan(literal.Span.Start, processor.GetSourcePosition(start - 1));
        }

        slice = url;
        return true;
    }
}

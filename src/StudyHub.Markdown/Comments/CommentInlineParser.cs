using Markdig.Helpers;
using Markdig.Parsers;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentInlineParser : InlineParser
{
    public CommentInlineParser()
    {
        OpeningCharacters = ['%'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '%')
        {
            return false;
        }

        var close = slice.Text.IndexOf("%%", slice.Start + 2, slice.End - slice.Start - 1, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        processor.Inline = new CommentInline();
        slice.Start = close + 2;
        return true;
    }
}

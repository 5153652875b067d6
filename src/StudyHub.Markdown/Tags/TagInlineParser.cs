using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Tags;

// Parses #tag and #nested/tag the way Obsidian does: after whitespace, letters, digits, '_', '-', '/', and not all digits.
internal sealed class TagInlineParser : InlineParser, IPostInlineProcessor
{
    public TagInlineParser()
    {
        OpeningCharacters = ['#'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var previous = slice.PeekCharExtra(-1);
        if (previous != '\0' && !char.IsWhiteSpace(previous))
        {
            return false;
        }

        var text = slice.Text;
        var start = slice.Start;
        var end = start + 1;
        var hasNonDigit = false;
        while (end <= slice.End && IsTagChar(text[end]))
        {
            hasNonDigit |= !char.IsAsciiDigit(text[end]);
            end++;
        }

        while (end > start + 1 && text[end - 1] == '/')
        {
            end--;
        }

        if (!hasNonDigit || end == start + 1)
        {
            return false;
        }

        processor.Inline = new TagInline
        {
            Name = text[(start + 1)..end],
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(end - 1)),
            Line = line,
            Column = column,
        };
        slice.Start = end;
        return true;
    }

    // A tag inside a link's text stays text.
    public bool PostProcess(InlineProcessor state, Inline? root, Inline? lastChild, int postInlineProcessorIndex, bool isFinalProcessing)
    {
        LinkText.Unwrap<TagInline>(root, tag => "#" + tag.Name);
        return true;
    }

    private static bool IsTagChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '/';
}

using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Timestamps;

internal sealed class TimestampInlineParser : InlineParser, IPostInlineProcessor
{
    // A time is recognised at its first ':', its hours or minutes being the last digits of the text read before (see
    // TextBefore); opening at every digit made prose full of numbers a fifth slower to parse.
    public TimestampInlineParser()
    {
        OpeningCharacters = [':'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (TextBefore.LiteralAt(processor, slice) is not { } literal)
        {
            return false;
        }

        var start = slice.Start;
        while (start > literal.Content.Start && slice.Start - start < 2 && char.IsAsciiDigit(slice.Text[start - 1]))
        {
            start--;
        }

        if (start == slice.Start || !TimestampRecognizer.TryMatchAt(slice.Text.AsSpan(0, slice.End + 1), start, out var match))
        {
            return false;
        }

        TextBefore.CutFrom(processor, literal, start);

        var end = match.Index + match.Length;
        processor.Inline = new TimestampInline
        {
            Text = slice.Text[match.Index..end],
            Seconds = match.Seconds,
            Span = new SourceSpan(processor.GetSourcePosition(match.Index, out var line, out var column), processor.GetSourcePosition(end - 1)),
            Line = line,
            Column = column,
        };
        slice.Start = end;
        return true;
    }

    // A time inside a link's text stays text.
    public bool PostProcess(InlineProcessor state, Inline? root, Inline? lastChild, int postInlineProcessorIndex, bool isFinalProcessing)
    {
        LinkText.Unwrap<TimestampInline>(root, timestamp => timestamp.Text);
        return true;
    }
}

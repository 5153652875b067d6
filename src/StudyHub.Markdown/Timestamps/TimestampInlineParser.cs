using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Timestamps;

internal sealed class TimestampInlineParser : InlineParser, IPostInlineProcessor
{
    public TimestampInlineParser()
    {
        OpeningCharacters = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!TimestampRecognizer.TryMatchAt(slice.Text.AsSpan(0, slice.End + 1), slice.Start, out var match))
        {
            return false;
        }

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

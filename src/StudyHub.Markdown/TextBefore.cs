using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown;

// Inline parsers that open on a character in the middle of what they recognise (the ':' of "12:34" or "https://"),
// because opening on its first character would stop Markdig at every digit or letter of prose, find its beginning at
// the end of the literal text read just before, and cut it from there on a match.
internal static class TextBefore
{
    // The literal that ends right before slice, if the processor has just read one.
    public static LiteralInline? LiteralAt(InlineProcessor processor, StringSlice slice) =>
        processor.Inline is LiteralInline literal && literal.Content.Text == slice.Text && literal.Content.End == slice.Start - 1 ? literal : null;

    // Cuts the literal back to end before start, the position in the text where the new inline begins.
    public static void CutFrom(InlineProcessor processor, LiteralInline literal, int start)
    {
        if (literal.Content.Start >= start)
        {
            literal.Remove();
            return;
        }

        literal.Content = new StringSlice(literal.Content.Text, literal.Content.Start, start - 1);
        literal.Span = new SourceSpan(literal.Span.Start, processor.GetSourcePosition(start - 1));
    }
}

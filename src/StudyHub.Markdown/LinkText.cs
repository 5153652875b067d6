using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown;

internal static class LinkText
{
    // Turns inlines of type T inside markdown links back into the text they were parsed from.
    public static void Unwrap<T>(MarkdownDocument document, Func<T, string> text)
        where T : Inline
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            foreach (var inline in link.Descendants<T>().ToList())
            {
                inline.ReplaceBy(new LiteralInline(text(inline)) { Span = inline.Span, Line = inline.Line, Column = inline.Column });
            }
        }
    }
}

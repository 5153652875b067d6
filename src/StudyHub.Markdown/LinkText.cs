using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown;

internal static class LinkText
{
    /// <summary>Turns inlines of type <typeparamref name="T"/> inside markdown links back into the text they were parsed from.</summary>
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

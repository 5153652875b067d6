using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown;

internal static class LinkText
{
    // Turns inlines of type T inside a link back into the text they were parsed from: a link cannot contain another link.
    // Inline parsers call this from IPostInlineProcessor.PostProcess, which Markdig runs on each link as it closes.
    public static void Unwrap<T>(Inline? root, Func<T, string> text)
        where T : Inline
    {
        if (root is not LinkInline link)
        {
            return;
        }

        foreach (var inline in link.FindDescendants<T>().ToList())
        {
            inline.ReplaceBy(new LiteralInline(text(inline)) { Span = inline.Span, Line = inline.Line, Column = inline.Column });
        }
    }
}

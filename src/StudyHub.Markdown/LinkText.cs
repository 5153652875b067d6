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

        List<T>? found = null;
        for (var node = link.FirstChild; node is not null; node = SyntaxTree.NextInline(node, link))
        {
            if (node is T inline)
            {
                (found ??= []).Add(inline);
            }
        }

        foreach (var inline in found ?? [])
        {
            inline.ReplaceBy(new LiteralInline(text(inline)) { Span = inline.Span, Line = inline.Line, Column = inline.Column });
        }
    }
}

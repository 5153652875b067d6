using System.Text;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Tags;
using StudyHub.Markdown.Timestamps;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown.Headings;

// The plain text a reader sees in a run of inlines, e.g. a heading's text for its slug.
internal static class InlineText
{
    // Headings are read twice per note (for their id and for the note's metadata), so the builder is reused.
    [ThreadStatic]
    private static StringBuilder? cached;

    public static string Of(ContainerInline? inline)
    {
        var text = cached ?? new StringBuilder();
        cached = null;
        if (inline is not null)
        {
            Append(text, inline);
        }

        var result = text.ToString().Trim();
        cached = text.Clear();
        return result;
    }

    // Recursion is bounded by Markdig's nesting limit on the syntax tree.
    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case WikiLinkInline link:
                text.Append(link.DisplayText);
                break;
            case TagInline tag:
                text.Append('#').Append(tag.Name);
                break;
            case TimestampInline timestamp:
                text.Append(timestamp.Text);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(text, child);
                }

                break;
        }
    }
}

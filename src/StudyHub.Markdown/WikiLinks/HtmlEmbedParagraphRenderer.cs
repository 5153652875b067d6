using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.WikiLinks;

// A transcluded note is a <div>, which cannot sit inside a <p> (browsers and the sanitizer would split the paragraph
// anyway), so a paragraph is closed before each note embed and reopened after it.
internal sealed class HtmlEmbedParagraphRenderer : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
    {
        var context = ((ObsidianHtmlRenderer)renderer).Context;
        if (renderer.ImplicitParagraph || !renderer.EnableHtmlForBlock || !ContainsNoteEmbed(obj.Inline, context))
        {
            base.Write(renderer, obj);
            return;
        }

        renderer.EnsureLine();
        var first = true;
        var segmentStart = obj.Inline!.FirstChild;
        for (var inline = segmentStart; ; inline = inline.NextSibling)
        {
            if (inline is not null && !(inline is WikiLinkInline link && link.IsNoteEmbedIn(context)))
            {
                continue;
            }

            if (WriteSegment(renderer, obj, segmentStart, inline, first))
            {
                first = false;
            }

            if (inline is null)
            {
                return;
            }

            var text = ((ObsidianHtmlRenderer)renderer).Text;
            text.Break();
            renderer.Write(inline);
            renderer.EnsureLine();
            text.Break();
            segmentStart = inline.NextSibling;
        }
    }

    // Whether the inlines of a paragraph hold a note embed anywhere, around which the browser may move or reopen the
    // elements of raw HTML tags that look properly nested in the markdown.
    public static bool HasNoteEmbed(ContainerInline paragraph, INoteRenderContext context)
    {
        for (var inline = paragraph.FirstChild; inline is not null; inline = SyntaxTree.NextInline(inline, paragraph))
        {
            if (inline is WikiLinkInline link && link.IsNoteEmbedIn(context))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsNoteEmbed(ContainerInline? inline, INoteRenderContext context)
    {
        for (var child = inline?.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is WikiLinkInline link && link.IsNoteEmbedIn(context))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WriteSegment(HtmlRenderer renderer, ParagraphBlock paragraph, Inline? start, Inline? end, bool first)
    {
        while (start != end && IsBlank(start!))
        {
            start = start!.NextSibling;
        }

        var last = end?.PreviousSibling ?? paragraph.Inline!.LastChild;
        while (last is not null && last != start && IsBlank(last))
        {
            last = last.PreviousSibling;
        }

        if (start == end || start is null || last is null)
        {
            return false;
        }

        renderer.Write("<p");
        if (first)
        {
            renderer.WriteAttributes(paragraph);
        }

        renderer.Write('>');
        for (var inline = start; inline is not null; inline = inline.NextSibling)
        {
            renderer.Write(inline);
            if (inline == last)
            {
                break;
            }
        }

        renderer.WriteLine("</p>");
        return true;
    }

    private static bool IsBlank(Inline inline) =>
        inline is LineBreakInline || (inline is LiteralInline literal && literal.Content.IsEmptyOrWhitespace());
}

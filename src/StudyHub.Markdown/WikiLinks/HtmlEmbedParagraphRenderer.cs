using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.WikiLinks;

// Leaves out the <p> around a paragraph that only transcludes a note, since a <div> cannot sit inside a <p>.
internal sealed class HtmlEmbedParagraphRenderer : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
    {
        if (obj.Inline?.FirstChild is WikiLinkInline { IsNoteEmbed: true } embed && (embed.NextSibling is null or LineBreakInline { NextSibling: null }))
        {
            renderer.EnsureLine();
            renderer.Write(embed);
            renderer.EnsureLine();
            return;
        }

        base.Write(renderer, obj);
    }
}

using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown.Rendering;

// Raw HTML from a note is written as Markdig writes it and reported, so the part of the output around it is sanitized.

internal sealed class HtmlRawBlockRenderer : HtmlBlockRenderer
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        var obsidian = (ObsidianHtmlRenderer)renderer;
        var start = obsidian.Output.Length;
        base.Write(renderer, obj);
        obsidian.WroteRawHtml(start, obj.Lines.ToString());
    }
}

// A simple tag (see SafeInlineTag) is written in its canonical form and needs no sanitizer if its run of inlines
// closes it; any other is written as is and sanitized.
internal sealed class HtmlRawInlineRenderer : HtmlInlineRenderer
{
    // The inlines of the last paragraph checked for note embeds, and the answer; a paragraph often has several tags.
    private (ContainerInline? Paragraph, bool HasNoteEmbed) lastChecked;

    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        var obsidian = (ObsidianHtmlRenderer)renderer;
        var start = obsidian.Output.Length;
        if (renderer.EnableHtmlForInline && obj.Parent is { } container && SafeInlineTag.TryParse(obj.Tag, out var tag)
            && !HasNoteEmbedAround(obj, obsidian.Context))
        {
            renderer.Write(tag.Canonical);
            obsidian.WroteSafeInlineTag(tag, container);
            return;
        }

        base.Write(renderer, obj);
        if (obsidian.Output.Length > start)
        {
            obsidian.WroteRawHtml(start, obj.Tag);
        }
    }

    public void Forget() => lastChecked = default;

    private bool HasNoteEmbedAround(Inline inline, INoteRenderContext context)
    {
        var paragraph = inline.Parent!;
        while (paragraph.Parent is { } parent)
        {
            paragraph = parent;
        }

        if (!ReferenceEquals(paragraph, lastChecked.Paragraph))
        {
            lastChecked = (paragraph, HtmlEmbedParagraphRenderer.HasNoteEmbed(paragraph, context));
        }

        return lastChecked.HasNoteEmbed;
    }
}

using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

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

internal sealed class HtmlRawInlineRenderer : HtmlInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        var obsidian = (ObsidianHtmlRenderer)renderer;
        var start = obsidian.Output.Length;
        base.Write(renderer, obj);
        obsidian.WroteRawHtml(start, obj.Tag);
    }
}

using Markdig.Renderers;
using Markdig.Renderers.Html;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Tags;

internal sealed class HtmlTagRenderer : HtmlObjectRenderer<TagInline>
{
    protected override void Write(HtmlRenderer renderer, TagInline tag)
    {
        var path = string.Join('/', tag.Name.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        renderer.Write("<a class=\"tag\" href=\"").WriteEscape(((ObsidianHtmlRenderer)renderer).Options.TagBaseUrl + path).Write("\">#")
            .WriteEscape(tag.Name).Write("</a>");
        ((ObsidianHtmlRenderer)renderer).Text.Append("#" + tag.Name);
    }
}

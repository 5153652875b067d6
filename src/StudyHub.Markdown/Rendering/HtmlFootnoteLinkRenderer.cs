using Markdig.Extensions.Footnotes;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace StudyHub.Markdown.Rendering;

// Markdig's footnote links with the page's address before their fragment (Markdig writes a bare "#fn:1").
internal sealed class HtmlFootnoteLinkRenderer : HtmlObjectRenderer<FootnoteLink>
{
    protected override void Write(HtmlRenderer renderer, FootnoteLink link)
    {
        var page = (ObsidianHtmlRenderer)renderer;
        if (link.IsBackLink)
        {
            renderer.Write("<a href=\"").WriteEscape(page.InPage($"#fnref:{link.Index}")).Write("\" class=\"footnote-back-ref\">&#8617;</a>");
        }
        else
        {
            var order = link.Footnote.Order;
            renderer.Write($"<a id=\"fnref:{link.Index}\" href=\"").WriteEscape(page.InPage($"#fn:{order}"))
                .Write($"\" class=\"footnote-ref\"><sup>{order}</sup></a>");
        }
    }
}

using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Timestamps;

internal sealed class HtmlTimestampRenderer : HtmlObjectRenderer<TimestampInline>
{
    protected override void Write(HtmlRenderer renderer, TimestampInline timestamp)
    {
        var href = ((ObsidianHtmlRenderer)renderer).Context.TimestampHref(timestamp.Seconds);
        renderer.Write("<a class=\"timestamp\" href=\"").WriteEscape(href)
            .Write("\" data-seconds=\"").Write(timestamp.Seconds.ToString(CultureInfo.InvariantCulture)).Write("\">")
            .WriteEscape(timestamp.Text).Write("</a>");
    }
}

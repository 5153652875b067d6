using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Timestamps;

internal sealed class HtmlTimestampRenderer : HtmlObjectRenderer<TimestampInline>
{
    protected override void Write(HtmlRenderer renderer, TimestampInline timestamp)
    {
        var time = new WrittenTime(timestamp.Text, timestamp.Seconds, timestamp.Line + 1, timestamp.Span.Start);
        var obsidian = (ObsidianHtmlRenderer)renderer;
        obsidian.Text.Append(timestamp.Text);
        if (obsidian.Context.TimestampHref(time) is not { } href)
        {
            renderer.WriteEscape(timestamp.Text);
            return;
        }
        renderer.Write("<a class=\"timestamp\" href=\"").WriteEscape(href)
            .Write("\" data-seconds=\"").Write(timestamp.Seconds.ToString(CultureInfo.InvariantCulture)).Write("\">")
            .WriteEscape(timestamp.Text).Write("</a>");
    }
}

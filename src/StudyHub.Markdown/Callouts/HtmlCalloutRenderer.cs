using Markdig.Renderers;
using Markdig.Renderers.Html;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.Callouts;

internal sealed class HtmlCalloutRenderer : HtmlObjectRenderer<CalloutBlock>
{
    protected override void Write(HtmlRenderer renderer, CalloutBlock callout)
    {
        renderer.EnsureLine();
        renderer.Write("<div class=\"callout\" data-callout=\"").WriteEscape(callout.Kind).Write('"');
        if (callout.Fold is { } fold)
        {
            renderer.Write(" data-callout-fold=\"").Write(fold).Write('"');
        }

        renderer.WriteAttributes(callout).WriteLine(">");
        var (titleTag, contentOpen) = callout.Fold switch
        {
            '+' => ("summary", "<details open>"),
            '-' => ("summary", "<details>"),
            _ => ("div", null),
        };
        if (contentOpen is not null)
        {
            renderer.WriteLine(contentOpen);
        }

        renderer.Write('<').Write(titleTag).Write(" class=\"callout-title\">");
        var title = callout.Title;
        if (title?.Inline?.FirstChild is not null)
        {
            renderer.WriteChildren(title.Inline);
        }
        else
        {
            renderer.WriteEscape(callout.DefaultTitle);
            ((ObsidianHtmlRenderer)renderer).Text.Append(callout.DefaultTitle);
        }

        renderer.Write("</").Write(titleTag).WriteLine(">");
        ((ObsidianHtmlRenderer)renderer).Text.Break();
        renderer.WriteLine("<div class=\"callout-content\">");
        var implicitParagraph = renderer.ImplicitParagraph;
        renderer.ImplicitParagraph = false;
        for (var i = title is null ? 0 : 1; i < callout.Count; i++)
        {
            renderer.Write(callout[i]);
        }

        renderer.ImplicitParagraph = implicitParagraph;
        renderer.EnsureLine();
        renderer.WriteLine("</div>");
        if (contentOpen is not null)
        {
            renderer.WriteLine("</details>");
        }

        renderer.WriteLine("</div>");
    }
}

using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown.WikiLinks;

internal sealed class HtmlWikiLinkRenderer : HtmlObjectRenderer<WikiLinkInline>
{
    protected override void Write(HtmlRenderer renderer, WikiLinkInline link)
    {
        var obsidian = (ObsidianHtmlRenderer)renderer;
        if (!renderer.EnableHtmlForInline)
        {
            // In an image's description, which becomes its alt attribute, a link or embed is its text, as Markdig's own
            // links are: our markup's quotes would end the attribute and put the rest of the markup inside the <img> tag.
            renderer.WriteEscape(link.IsAttachmentIn(obsidian.Context) && link.IsEmbed && (link.Alias is null || link.TryGetSize(out _, out _)) ? link.FileName : link.DisplayText);
        }
        else if (link.IsAttachmentIn(obsidian.Context))
        {
            WriteAttachment(obsidian, link);
        }
        else if (link.IsEmbed)
        {
            obsidian.WriteNoteEmbed(link);
        }
        else
        {
            WriteNoteLink(obsidian, link);
        }
    }

    // asText: false where the link is part of a placeholder that is not what the note says.
    internal static void WriteNoteLink(ObsidianHtmlRenderer renderer, WikiLinkInline link, bool asText = true)
    {
        if (link.Target.Length == 0)
        {
            renderer.Write("<a class=\"wikilink\" href=\"").WriteEscape(renderer.InPage(link.Fragment)).Write("\">");
        }
        else
        {
            var target = renderer.Context.ResolveNote(link.Target);
            renderer.Write(target.Exists ? "<a class=\"wikilink\" href=\"" : "<a class=\"wikilink unresolved\" title=\"Not yet written\" href=\"")
                .WriteEscape(target.Href + link.Fragment)
                .Write("\">");
        }

        renderer.WriteEscape(link.DisplayText).Write("</a>");
        if (asText)
        {
            renderer.Text.Append(link.DisplayText);
        }
    }

    private static void WriteAttachment(ObsidianHtmlRenderer renderer, WikiLinkInline link)
    {
        var attachment = renderer.Context.ResolveAttachment(link.Target);
        if (attachment is null)
        {
            renderer.Write("<span class=\"embed-missing\" data-target=\"").WriteEscape(link.Target).Write("\">Missing attachment: ")
                .WriteEscape(link.Target).Write("</span>");
            renderer.Text.AppendPlaceholder("Missing attachment: " + link.Target);
            return;
        }

        if (!link.IsEmbed)
        {
            // A link to a PDF opens it in the page's viewer (js/pdf-viewer.js) at the page it names.
            renderer.Write(attachment.Kind == MediaKind.Pdf ? "<a class=\"wikilink attachment pdf\" href=\"" : "<a class=\"wikilink attachment\" href=\"")
                .WriteEscape(attachment.Url + PdfPage(link, attachment)).Write("\">")
                .WriteEscape(link.DisplayText).Write("</a>");
            renderer.Text.Append(link.DisplayText);
            return;
        }

        switch (attachment.Kind)
        {
            case MediaKind.Image:
                var alt = link.Alias is not null && !link.TryGetSize(out _, out _) ? link.Alias : link.FileName;
                renderer.Write("<img src=\"").WriteEscape(attachment.Url).Write("\" alt=\"").WriteEscape(alt).Write('"');
                if (ImageBox(link, attachment) is ({ } width, var height))
                {
                    renderer.Write(" width=\"").Write(width.ToString(CultureInfo.InvariantCulture)).Write('"');
                    if (height is { } h)
                    {
                        renderer.Write(" height=\"").Write(h.ToString(CultureInfo.InvariantCulture)).Write('"');
                    }
                }

                renderer.Write(" loading=\"lazy\" />");
                break;
            case MediaKind.Audio:
                renderer.Write("<audio controls src=\"").WriteEscape(attachment.Url).Write("\"></audio>");
                break;
            case MediaKind.Video:
                renderer.Write("<video controls src=\"").WriteEscape(attachment.Url).Write("\"></video>");
                break;
            case MediaKind.Pdf:
                // Without script the reader downloads the paper; js/pdf-viewer.js shows it in place, at its page.
                var viewerHeight = PdfOption(link, "height=");
                renderer.Write("<span class=\"embed-pdf\"");
                if (viewerHeight is not null)
                {
                    renderer.Write(" data-height=\"").Write(viewerHeight).Write('"');
                }

                renderer.Write('>');
                WriteDownload(renderer, attachment.Url + PdfPage(link, attachment), link.FileName);
                renderer.Write("</span>");
                break;
            default:
                WriteDownload(renderer, attachment.Url, link.FileName);
                break;
        }
    }

    // The size the note asks for (|300 or |300x200) wins; a width alone keeps the image's proportions, so its height is
    // known too when the image's own size is. Without either the image loads at its own size.
    private static (int? Width, int? Height) ImageBox(WikiLinkInline link, AttachmentTarget attachment)
    {
        if (link.TryGetSize(out var width, out var height))
        {
            return (width, height ?? (attachment is { Width: { } w and > 0, Height: { } h }
                ? (int)Math.Max(1, Math.Round((double)width * h / w))
                : null));
        }

        return (attachment.Width, attachment.Width is null ? null : attachment.Height);
    }

    // Obsidian reads "#page=3" and "#height=400" after a PDF name as viewer options; the page goes with the address.
    private static string PdfPage(WikiLinkInline link, AttachmentTarget attachment) =>
        attachment.Kind == MediaKind.Pdf && PdfOption(link, "page=") is { } page ? "#page=" + page : "";

    private static string? PdfOption(WikiLinkInline link, string name) =>
        link.Heading is { } option && option.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(option.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;

    private static void WriteDownload(ObsidianHtmlRenderer renderer, string url, string fileName)
    {
        renderer.Write("<a class=\"embed-download\" href=\"").WriteEscape(url).Write("\" download>").WriteEscape(fileName).Write("</a>");
        renderer.Text.Append(fileName);
    }
}

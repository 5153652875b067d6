using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Rendering;

// Replaces unsafe markdown link and image URLs (see UrlPolicy) in the syntax tree, so every renderer sees only safe ones,
// and turns links with no URL back into their text.
internal sealed class SafeLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // Bare URLs are recognised only for schemes the policy lets through (http, https, www., mailto), and where
        // they can start; Markdig's autolinker also made links of ftp: and tel:, which the policy then blanked.
        if (pipeline.InlineParsers.Find<AutoLinkParser>() is { } autoLinks)
        {
            pipeline.InlineParsers.Replace<AutoLinkParser>(new BareUrlInlineParser(autoLinks));
        }

        pipeline.DocumentProcessed -= CleanUrls;
        pipeline.DocumentProcessed += CleanUrls;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void CleanUrls(MarkdownDocument document)
    {
        List<LinkInline>? empty = null;
        SyntaxTree.Walk(document, node =>
        {
            switch (node)
            {
                case LinkInline { IsImage: false } link when string.IsNullOrWhiteSpace(link.Url):
                    (empty ??= []).Add(link);
                    break;
                case LinkInline link:
                    link.Url = UrlPolicy.Clean(link.Url, link.IsImage);
                    break;
                case AutolinkInline autolink:
                    autolink.Url = UrlPolicy.Clean(autolink.Url, isImage: false);
                    break;
            }
        });
        foreach (var link in empty ?? [])
        {
            Unwrap(link);
        }
    }

    // "[Paper title]()" is a placeholder in real notes; Obsidian shows its text, where a browser would link to the page itself.
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }
}

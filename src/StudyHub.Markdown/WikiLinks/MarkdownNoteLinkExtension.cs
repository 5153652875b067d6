using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Headings;

namespace StudyHub.Markdown.WikiLinks;

// With "Use [[Wikilinks]]" off, Obsidian writes [text](Other%20note.md#Heading) and ![](Pasted%20image.png).
// Those are vault paths, not URLs, so they become wikilinks that resolve, render and get recorded like [[…]].
internal sealed class MarkdownNoteLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= ConvertVaultLinks;
        pipeline.DocumentProcessed += ConvertVaultLinks;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void ConvertVaultLinks(MarkdownDocument document)
    {
        foreach (var link in SyntaxTree.Inlines<LinkInline>(document))
        {
            if (ToVaultPath(link.Url) is not { } path)
            {
                continue;
            }

            var isAttachment = Attachments.HasFileExtension(path.Split('#')[0]);
            if ((link.IsImage ? !isAttachment : isAttachment || !path.Split('#')[0].EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                || WikiLinkInlineParser.Create(path, link.IsImage) is not { } parsed)
            {
                continue;
            }

            var text = InlineText.Of(link);
            link.ReplaceBy(new WikiLinkInline
            {
                Target = parsed.Target,
                Alias = text.Length == 0 ? null : text,
                Heading = parsed.Heading,
                BlockId = parsed.BlockId,
                IsEmbed = link.IsImage,
                Span = link.Span,
                Line = link.Line,
                Column = link.Column,
            }, copyChildren: false);
        }
    }

    private static string? ToVaultPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url[0] is '/' or '#' or '?')
        {
            return null;
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var delimiter = url.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (delimiter < 0 || colon < delimiter))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(url);
        while (path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal))
        {
            path = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        }

        return path.Contains('|', StringComparison.Ordinal) ? null : path;
    }
}

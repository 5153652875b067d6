using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace StudyHub.Markdown.Tags;

internal sealed class TagExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<TagInlineParser>())
        {
            pipeline.InlineParsers.InsertBefore<EmphasisInlineParser>(new TagInlineParser());
            // A tag inside a link's text stays text: a link cannot contain another link.
            pipeline.DocumentProcessed += document => LinkText.Unwrap<TagInline>(document, tag => "#" + tag.Name);
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer htmlRenderer)
        {
            htmlRenderer.ObjectRenderers.AddIfNotAlready<HtmlTagRenderer>();
        }
    }
}

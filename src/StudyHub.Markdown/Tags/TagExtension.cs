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

using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace StudyHub.Markdown.Timestamps;

internal sealed class TimestampExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<TimestampInlineParser>())
        {
            pipeline.InlineParsers.InsertBefore<EmphasisInlineParser>(new TimestampInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer htmlRenderer)
        {
            htmlRenderer.ObjectRenderers.AddIfNotAlready<HtmlTimestampRenderer>();
        }
    }
}

using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace StudyHub.Markdown.Callouts;

internal sealed class CalloutExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<CalloutInlineParser>())
        {
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new CalloutInlineParser());
            pipeline.DocumentProcessed += CalloutInlineParser.SplitTitles;
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer htmlRenderer && !htmlRenderer.ObjectRenderers.Contains<HtmlCalloutRenderer>())
        {
            // A callout is a QuoteBlock, so its renderer must be found before the quote renderer.
            htmlRenderer.ObjectRenderers.InsertBefore<QuoteBlockRenderer>(new HtmlCalloutRenderer());
        }
    }
}

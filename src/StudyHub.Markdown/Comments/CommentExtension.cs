using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<CommentBlockParser>())
        {
            pipeline.BlockParsers.InsertBefore<ParagraphBlockParser>(new CommentBlockParser());
        }

        if (!pipeline.InlineParsers.Contains<CommentInlineParser>())
        {
            pipeline.InlineParsers.InsertBefore<EmphasisInlineParser>(new CommentInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer htmlRenderer)
        {
            htmlRenderer.ObjectRenderers.AddIfNotAlready<HtmlCommentBlockRenderer>();
            htmlRenderer.ObjectRenderers.AddIfNotAlready<HtmlCommentInlineRenderer>();
        }
    }
}

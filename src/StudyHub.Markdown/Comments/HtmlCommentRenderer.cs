using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace StudyHub.Markdown.Comments;

internal sealed class HtmlCommentBlockRenderer : HtmlObjectRenderer<CommentBlock>
{
    protected override void Write(HtmlRenderer renderer, CommentBlock obj)
    {
    }
}

internal sealed class HtmlCommentInlineRenderer : HtmlObjectRenderer<CommentInline>
{
    protected override void Write(HtmlRenderer renderer, CommentInline obj)
    {
    }
}

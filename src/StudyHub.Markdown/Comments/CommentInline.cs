using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentInline : LeafInline;

using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Comments;

/// <summary>An inline <c>%%comment%%</c>; it renders nothing.</summary>
internal sealed class CommentInline : LeafInline;

using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.Comments;

/// <summary>A comment whose <c>%%</c> opens a line and closes on that line's end or a later line; it renders nothing.</summary>
internal sealed class CommentBlock(BlockParser parser) : LeafBlock(parser);

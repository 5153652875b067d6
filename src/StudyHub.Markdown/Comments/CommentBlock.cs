using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentBlock(BlockParser parser) : LeafBlock(parser);

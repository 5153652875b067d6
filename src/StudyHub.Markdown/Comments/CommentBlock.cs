using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentBlock(BlockParser parser) : LeafBlock(parser)
{
    // Obsidian hides everything after a "%%" that is never closed; the importer warns about it.
    public bool IsTerminated { get; set; }
}

using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Tags;

internal sealed class TagInline : LeafInline
{
    public required string Name { get; init; }
}

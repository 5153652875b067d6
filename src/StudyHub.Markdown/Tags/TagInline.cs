using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Tags;

internal sealed class TagInline : LeafInline
{
    /// <summary>The tag without '#', e.g. "nested/tag".</summary>
    public required string Name { get; init; }
}

using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Timestamps;

internal sealed class TimestampInline : LeafInline
{
    public required string Text { get; init; }

    public int Seconds { get; init; }
}

using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Callouts;

internal sealed class CalloutBlock(BlockParser? parser) : QuoteBlock(parser)
{
    // The type in [!type], lower-cased; unknown types render like any other.
    public required string Kind { get; init; }

    // '+' (foldable, open), '-' (foldable, closed) or null (not foldable).
    public char? Fold { get; init; }

    // The rest of the [!type] line; empty when the callout uses its default title.
    public ContainerInline? Title { get; set; }

    public string DefaultTitle => char.ToUpperInvariant(Kind[0]) + Kind[1..];
}

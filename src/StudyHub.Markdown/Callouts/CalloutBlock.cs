using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.Callouts;

internal sealed class CalloutBlock(BlockParser? parser) : QuoteBlock(parser)
{
    // The type in [!type], lower-cased; unknown types render like any other.
    public required string Kind { get; init; }

    // '+' (foldable, open), '-' (foldable, closed) or null (not foldable).
    public char? Fold { get; init; }

    // The rest of the [!type] line, if the callout has one; it renders the default title when empty.
    public CalloutTitleBlock? Title => Count > 0 ? this[0] as CalloutTitleBlock : null;

    public string DefaultTitle => char.ToUpperInvariant(Kind[0]) + Kind[1..];
}

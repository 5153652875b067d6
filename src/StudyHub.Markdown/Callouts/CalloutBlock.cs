using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Callouts;

internal sealed class CalloutBlock(BlockParser? parser) : QuoteBlock(parser)
{
    /// <summary>The type in <c>[!type]</c>, lower-cased; unknown types render like any other.</summary>
    public required string Kind { get; init; }

    /// <summary>'+' (foldable, open), '-' (foldable, closed) or <see langword="null"/> (not foldable).</summary>
    public char? Fold { get; init; }

    /// <summary>The rest of the <c>[!type]</c> line; empty when the callout uses its default title.</summary>
    public ContainerInline? Title { get; set; }

    public string DefaultTitle => char.ToUpperInvariant(Kind[0]) + Kind[1..];
}

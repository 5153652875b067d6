using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.BlockIds;

// Turns a trailing ^id into the id of its paragraph or list item (rendered as id="^id", the fragment
// [[Note#^id]] links to). A ^id paragraph of its own names the block before it, as after a list or table.
internal sealed partial class BlockIdExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= AssignBlockIds;
        pipeline.DocumentProcessed += AssignBlockIds;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void AssignBlockIds(MarkdownDocument document)
    {
        foreach (var paragraph in SyntaxTree.Blocks<ParagraphBlock>(document))
        {
            if (paragraph.Inline is not { } inline || TakeTrailingBlockId(inline) is not { } id)
            {
                continue;
            }

            var target = paragraph.Parent is ListItemBlock item && item[0] == paragraph ? item : (Block)paragraph;
            if (paragraph.Inline.FirstChild is null && paragraph.Parent is { } parent)
            {
                var index = parent.IndexOf(paragraph);
                parent.Remove(paragraph);
                if (index == 0)
                {
                    continue;
                }

                target = parent[index - 1];
            }

            target.GetAttributes().Id = id;
        }
    }

    // Removes a trailing "^id" from the paragraph's text, which may span several literals, and returns "^id".
    private static string? TakeTrailingBlockId(ContainerInline inline)
    {
        // Most paragraphs have no '^' in their trailing text; only the rest are worth joining and matching.
        var hasCaret = false;
        for (var child = inline.LastChild; child is LiteralInline literal && !hasCaret; child = child.PreviousSibling)
        {
            hasCaret = literal.Content.AsSpan().Contains('^');
        }

        if (!hasCaret)
        {
            return null;
        }

        var literals = new List<LiteralInline>();
        for (var child = inline.LastChild; child is LiteralInline literal; child = child.PreviousSibling)
        {
            literals.Insert(0, literal);
        }

        var text = string.Concat(literals.Select(l => l.Content.ToString()));
        var match = TrailingBlockId().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var offset = 0;
        foreach (var literal in literals)
        {
            var length = literal.Content.Length;
            var keep = Math.Clamp(match.Index - offset, 0, length);
            if (keep == 0)
            {
                literal.Remove();
            }
            else if (keep < length)
            {
                literal.Content = new StringSlice(literal.Content.Text, literal.Content.Start, literal.Content.Start + keep - 1);
            }

            offset += length;
        }

        while (inline.LastChild is LineBreakInline lineBreak)
        {
            lineBreak.Remove();
        }

        return "^" + match.Groups["id"].Value;
    }

    [GeneratedRegex(@"(?:^|\s)\^(?<id>[A-Za-z0-9-]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingBlockId();
}

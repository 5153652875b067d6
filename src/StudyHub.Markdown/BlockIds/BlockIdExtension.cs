using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.BlockIds;

/// <summary>
/// Turns a trailing <c>^id</c> into the id of its paragraph or list item (rendered as <c>id="^id"</c>, the fragment
/// <c>[[Note#^id]]</c> links to). A <c>^id</c> paragraph of its own names the block before it, as after a list or table.
/// </summary>
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
        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            if (paragraph.Inline?.LastChild is not LiteralInline literal)
            {
                continue;
            }

            var match = TrailingBlockId().Match(literal.Content.ToString());
            if (!match.Success)
            {
                continue;
            }

            var id = "^" + match.Groups["id"].Value;
            literal.Content = new Markdig.Helpers.StringSlice(literal.Content.Text, literal.Content.Start, literal.Content.Start + match.Index - 1);
            if (literal.Content.IsEmpty)
            {
                literal.Remove();
            }

            while (paragraph.Inline.LastChild is LineBreakInline lineBreak)
            {
                lineBreak.Remove();
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

    [GeneratedRegex(@"(?:^|\s)\^(?<id>[A-Za-z0-9-]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingBlockId();
}

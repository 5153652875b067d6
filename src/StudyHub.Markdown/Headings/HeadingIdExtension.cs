using System.Globalization;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace StudyHub.Markdown.Headings;

// Gives every heading the id HeadingSlug makes from its text, so [[Note#Heading]] fragments match;
// later duplicates get -1, -2 …. Markdig's AutoIdentifiers uses a different slug the link side could not share.
internal sealed class HeadingIdExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= AssignHeadingIds;
        pipeline.DocumentProcessed += AssignHeadingIds;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void AssignHeadingIds(MarkdownDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in SyntaxTree.Blocks<HeadingBlock>(document))
        {
            var slug = HeadingSlug.Create(InlineText.Of(heading.Inline));
            var id = slug;
            for (var n = 1; !used.Add(id); n++)
            {
                id = slug + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            heading.GetAttributes().Id = id;
        }
    }
}

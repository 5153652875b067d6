using Markdig;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown;

/// <summary>
/// What readers write in annotations and comments: plain markdown with no raw HTML, only safe link schemes,
/// and links marked as user content.
/// </summary>
public static class ReaderMarkdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseReferralLinks("nofollow", "noopener", "noreferrer", "ugc")
        .Use<SafeLinkExtension>()
        .Build();

    /// <summary>The reader's markdown as HTML that cannot carry markup of its own.</summary>
    public static string ToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline);
}

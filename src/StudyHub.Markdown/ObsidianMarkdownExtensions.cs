using Markdig;
using StudyHub.Markdown.BlockIds;
using StudyHub.Markdown.Callouts;
using StudyHub.Markdown.Comments;
using StudyHub.Markdown.Headings;
using StudyHub.Markdown.Rendering;
using StudyHub.Markdown.Tags;
using StudyHub.Markdown.Timestamps;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown;

internal static class ObsidianMarkdownExtensions
{
    public static MarkdownPipelineBuilder UseObsidianComments(this MarkdownPipelineBuilder pipeline) => pipeline.With<CommentExtension>();

    public static MarkdownPipelineBuilder UseCallouts(this MarkdownPipelineBuilder pipeline) => pipeline.With<CalloutExtension>();

    public static MarkdownPipelineBuilder UseWikiLinks(this MarkdownPipelineBuilder pipeline) => pipeline.With<WikiLinkExtension>();

    public static MarkdownPipelineBuilder UseMarkdownNoteLinks(this MarkdownPipelineBuilder pipeline) => pipeline.With<MarkdownNoteLinkExtension>();

    public static MarkdownPipelineBuilder UseTags(this MarkdownPipelineBuilder pipeline) => pipeline.With<TagExtension>();

    public static MarkdownPipelineBuilder UseTimestamps(this MarkdownPipelineBuilder pipeline) => pipeline.With<TimestampExtension>();

    public static MarkdownPipelineBuilder UseBlockIds(this MarkdownPipelineBuilder pipeline) => pipeline.With<BlockIdExtension>();

    public static MarkdownPipelineBuilder UseHeadingIds(this MarkdownPipelineBuilder pipeline) => pipeline.With<HeadingIdExtension>();

    public static MarkdownPipelineBuilder UseSafeLinks(this MarkdownPipelineBuilder pipeline) => pipeline.With<SafeLinkExtension>();

    private static MarkdownPipelineBuilder With<T>(this MarkdownPipelineBuilder pipeline)
        where T : class, IMarkdownExtension, new()
    {
        pipeline.Extensions.AddIfNotAlready<T>();
        return pipeline;
    }
}

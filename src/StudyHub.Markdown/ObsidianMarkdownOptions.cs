namespace StudyHub.Markdown;

/// <summary>Settings for <see cref="ObsidianMarkdown"/>.</summary>
public sealed record ObsidianMarkdownOptions
{
    /// <summary>How many notes deep <c>![[Note]]</c> transclusion may go before a notice is shown instead. Default 4.</summary>
    public int MaxEmbedDepth { get; init; } = 4;

    /// <summary>The URL prefix for tag links; <c>#nested/tag</c> links to <c>/tags/nested/tag</c> by default.</summary>
    public string TagBaseUrl { get; init; } = "/tags/";
}

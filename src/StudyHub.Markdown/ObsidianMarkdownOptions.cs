namespace StudyHub.Markdown;

/// <summary>Settings for <see cref="ObsidianMarkdown"/>.</summary>
public sealed record ObsidianMarkdownOptions
{
    /// <summary>How many notes deep <c>![[Note]]</c> transclusion may go before a notice is shown instead. Default 4.</summary>
    public int MaxEmbedDepth { get; init; } = 4;

    /// <summary>
    /// How long a note's HTML may grow, in characters, before a further <c>![[Note]]</c> shows a link to the note instead
    /// of its content. Embedded notes embed others in turn, so without it a page could grow without bound. Default 1,000,000.
    /// </summary>
    public int MaxLengthForEmbeds { get; init; } = 1_000_000;

    /// <summary>The URL prefix for tag links; <c>#nested/tag</c> links to <c>/tags/nested/tag</c> by default.</summary>
    public string TagBaseUrl { get; init; } = "/tags/";
}

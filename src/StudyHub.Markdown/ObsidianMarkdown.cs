using System.Collections.Concurrent;
using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Metadata;
using StudyHub.Markdown.Rendering;

namespace StudyHub.Markdown;

/// <summary>
/// Obsidian-flavoured markdown on Markdig: parses notes into metadata and a syntax tree and renders them to safe HTML.
/// Build one instance and share it; it is immutable and thread-safe.
/// </summary>
public sealed class ObsidianMarkdown
{
    private readonly MarkdownPipeline pipeline;
    private const int MaxPooledOutputCapacity = 1 << 20;

    private readonly ObsidianMarkdownOptions options;
    private readonly ConcurrentBag<ObsidianHtmlRenderer> renderers = [];

    /// <summary>Builds the markdown pipeline.</summary>
    public ObsidianMarkdown(ObsidianMarkdownOptions? options = null)
    {
        this.options = options ?? new ObsidianMarkdownOptions();
        pipeline = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UseObsidianComments()
            .UseCallouts()
            .UseWikiLinks()
            .UseMarkdownNoteLinks()
            .UseTags()
            .UseTimestamps()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Marked)
            .UsePipeTables()
            .UseFootnotes()
            .UseTaskLists()
            .UseMathematics()
            // Notes write "Link:https://…" with no space, so a URL after ':' is a link too.
            .UseAutoLinks(new AutoLinkOptions { ValidPreviousCharacters = "*_~(:", UseHttpsForWWWLinks = true })
            .UseBlockIds()
            .UseHeadingIds()
            .UseSafeLinks()
            .Build();
    }

    /// <summary>Parses a note. Never throws: problems become <see cref="ParsedNote.Warnings"/>.</summary>
    /// <param name="source">The note's markdown.</param>
    /// <param name="fileName">The note's file name (or vault path); the note is named by it without extension unless front matter sets a title.</param>
    public ParsedNote Parse(string source, string? fileName = null)
    {
        source ??= "";
        var warnings = new List<NoteWarning>();
        MarkdownDocument document;
        try
        {
            if (NestingGuard.IsTooDeep(source, pipeline.MaximumNestingDepth))
            {
                throw new ArgumentException("Markdown elements in the input are too deeply nested.", nameof(source));
            }

            document = Markdig.Markdown.Parse(source, pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig refuses documents nested beyond its depth limit; such input is shown as plain text.
            warnings.Add(new NoteWarning(1, $"The note could not be read as markdown ({ex.Message}); it is shown as plain text."));
            document = PlainText(source);
        }

        return NoteReader.Read(document, source, fileName, warnings);
    }

    /// <summary>Renders a parsed note to HTML that is safe to insert into a page.</summary>
    /// <param name="note">A note from <see cref="Parse"/>.</param>
    /// <param name="context">Supplies URLs for notes, attachments and timestamps and the notes that embeds transclude.</param>
    public string RenderHtml(ParsedNote note, INoteRenderContext context) => Render(note, context).Html;

    /// <summary>Renders a parsed note to safe HTML, and tells in the same pass its plain text and outline.</summary>
    /// <param name="note">A note from <see cref="Parse"/>.</param>
    /// <param name="context">Supplies URLs for notes, attachments and timestamps and the notes that embeds transclude.</param>
    public RenderedNote Render(ParsedNote note, INoteRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(context);
        if (!renderers.TryTake(out var renderer))
        {
            renderer = new ObsidianHtmlRenderer(pipeline, options);
        }

        renderer.RenderNote(note, context);
        // Our renderers escape everything they write, so only the parts with raw HTML from a note need the (costly) sanitizer.
        var html = renderer.RawHtmlParts.Count == 0
            ? renderer.Output.ToString(renderer.BodyStart, renderer.Output.Length - renderer.BodyStart)
            : HtmlSafety.Sanitize(renderer.Output, renderer.RawHtmlParts)[renderer.BodyStart..];
        var rendered = new RenderedNote(html, renderer.Text.ToString(), [.. renderer.Outline], renderer.Text.Prose(), renderer.TitleHeading);
        if (renderer.Output.Capacity <= MaxPooledOutputCapacity)
        {
            renderers.Add(renderer);
        }

        return rendered;
    }

    private static MarkdownDocument PlainText(string source)
    {
        var paragraph = new ParagraphBlock { Inline = new ContainerInline() };
        paragraph.Inline.AppendChild(new LiteralInline(source));
        return new MarkdownDocument { paragraph };
    }
}

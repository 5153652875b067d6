using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown.Rendering;

// An HtmlRenderer that carries the host's context and the chain of notes being transcluded.
// ObsidianMarkdown pools these: building one runs the pipeline's renderer setup, which costs as much as rendering a short note.
internal sealed class ObsidianHtmlRenderer : HtmlRenderer
{
    private readonly MarkdownPipeline pipeline;
    private List<ParsedNote> embedChain = [];
    private bool transcludedRawHtml;

    public ObsidianHtmlRenderer(MarkdownPipeline pipeline, ObsidianMarkdownOptions options)
        : this(new StringWriter(), pipeline, options)
    {
    }

    private ObsidianHtmlRenderer(TextWriter writer, MarkdownPipeline pipeline, ObsidianMarkdownOptions options)
        : base(writer)
    {
        this.pipeline = pipeline;
        Options = options;
        pipeline.Setup(this);
    }

    public INoteRenderContext Context { get; private set; } = NoContext.Instance;

    public ObsidianMarkdownOptions Options { get; }

    // Whether this note or a note it transcludes contains raw HTML, so the output needs sanitizing.
    public bool ContainsRawHtml => transcludedRawHtml || embedChain.Exists(note => note.ContainsRawHtml);

    public StringBuilder Output => ((StringWriter)Writer).GetStringBuilder();

    public void RenderNote(ParsedNote note, INoteRenderContext context)
    {
        Reset();
        Context = context;
        embedChain = [note];
        transcludedRawHtml = false;
        Render(note.Document);
    }

    public void WriteNoteEmbed(WikiLinkInline link)
    {
        if (embedChain.Count > Options.MaxEmbedDepth)
        {
            WriteNotice(link, "Embedding stopped: nested too deeply");
            return;
        }

        var note = Context.LoadNoteForEmbed(link.Target);
        if (note is null)
        {
            Write("<span class=\"embed-missing\" data-target=\"").WriteEscape(link.Target).Write("\">Missing note: ");
            HtmlWikiLinkRenderer.WriteNoteLink(this, link);
            Write("</span>");
            return;
        }

        if (embedChain.Exists(outer => ReferenceEquals(outer, note) || IsSameFile(outer, link.Target)))
        {
            WriteNotice(link, "Embedding stopped: the note embeds itself");
            return;
        }

        var target = Context.ResolveNote(link.Target);
        var blocks = SelectBlocks(note.Document, link);
        EnsureLine();
        Write("<div class=\"embed-note\" data-target=\"").WriteEscape(link.Target).WriteLine("\">");
        Write("<div class=\"embed-note-source\"><a class=\"wikilink\" href=\"").WriteEscape(target.Href + link.Fragment).Write("\">")
            .WriteEscape(link.Alias ?? link.DisplayText).WriteLine("</a></div>");
        Write("<div class=\"embed-note-content\">");
        if (blocks is null)
        {
            Write("<span class=\"embed-missing\">Section not found: ").WriteEscape(link.Fragment.TrimStart('#')).Write("</span>");
        }
        else
        {
            WriteLine();
            // A separate renderer per transclusion restarts Markdig's nesting budget; embed depth bounds the total.
            embedChain.Add(note);
            var inner = new ObsidianHtmlRenderer(Writer, pipeline, Options) { Context = Context, embedChain = embedChain };
            foreach (var block in blocks)
            {
                inner.Write(block);
            }

            inner.EnsureLine();
            transcludedRawHtml |= inner.ContainsRawHtml;
            embedChain.RemoveAt(embedChain.Count - 1);
        }

        WriteLine("</div>");
        WriteLine("</div>");
    }

    private void WriteNotice(WikiLinkInline link, string message) =>
        Write("<span class=\"embed-notice\" data-target=\"").WriteEscape(link.Target).Write("\">").WriteEscape(message).Write(": ")
            .WriteEscape(link.Target).Write("</span>");

    private static bool IsSameFile(ParsedNote note, string target)
    {
        if (note.FileName is null)
        {
            return false;
        }

        var name = Path.GetFileNameWithoutExtension(note.FileName);
        var targetName = target[(target.LastIndexOf('/') + 1)..];
        if (targetName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            targetName = targetName[..^3];
        }

        return name.Equals(targetName, StringComparison.OrdinalIgnoreCase);
    }

    // The whole note, the section under a heading (up to the next heading of the same or a higher level), or one block.
    private static IEnumerable<Block>? SelectBlocks(MarkdownDocument document, WikiLinkInline link)
    {
        if (link.BlockId is { } blockId)
        {
            var id = "^" + blockId;
            var block = SyntaxTree.Blocks<Block>(document).FirstOrDefault(b => b.TryGetAttributes()?.Id == id);
            return block is null ? null : [block];
        }

        if (link.Heading is null)
        {
            return document;
        }

        var slug = HeadingSlug.Create(link.Heading);
        var start = 0;
        while (start < document.Count && !(document[start] is HeadingBlock h && h.TryGetAttributes()?.Id == slug))
        {
            start++;
        }

        if (start == document.Count)
        {
            return null;
        }

        var level = ((HeadingBlock)document[start]).Level;
        var end = start + 1;
        while (end < document.Count && !(document[end] is HeadingBlock next && next.Level <= level))
        {
            end++;
        }

        return document.Skip(start).Take(end - start);
    }
}

file sealed class NoContext : INoteRenderContext
{
    public static readonly NoContext Instance = new();

    public NoteLinkTarget ResolveNote(string target) => new("", Exists: false);

    public AttachmentTarget? ResolveAttachment(string name) => null;

    public ParsedNote? LoadNoteForEmbed(string target) => null;

    public string? TimestampHref(NoteTimestamp time) => null;
}

using System.Text;
using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyHub.Markdown.Tags;
using StudyHub.Markdown.Text;
using StudyHub.Markdown.Timestamps;
using StudyHub.Markdown.WikiLinks;

namespace StudyHub.Markdown.Rendering;

// An HtmlRenderer that carries the host's context and the chain of notes being transcluded, and notes which parts of
// its output hold raw HTML from a note.
// ObsidianMarkdown pools these: building one runs the pipeline's renderer setup, which costs as much as rendering a short note.
internal sealed class ObsidianHtmlRenderer : HtmlRenderer
{
    private const int MinimumGapBetweenParts = 256;
    private const int MaximumJoinedPartLength = 4096;
    private readonly MarkdownPipeline pipeline;
    private readonly HtmlRawInlineRenderer rawInlineRenderer = new();
    private readonly RawHtmlNesting rawHtmlNesting = new();
    private readonly List<(int Start, int End)> rawHtmlParts = [];
    private readonly List<(int Start, int End)> rawHtmlWrites = [];
    private readonly List<(ContainerInline Container, string Name)> openSafeTags = [];
    private readonly NoteText text = new();
    private readonly List<OutlineHeading> outline = [];
    private readonly Stack<int> headingStarts = new();
    private List<ParsedNote> embedChain = [];
    private ObsidianHtmlRenderer root;
    private MarkdownDocument? document;
    private int blockStart;
    private string title = "";
    private int partStart = -1;
    private bool blockNeedsSanitizing;

    public ObsidianHtmlRenderer(MarkdownPipeline pipeline, ObsidianMarkdownOptions options)
        : this(new StringWriter(), pipeline, options)
    {
    }

    private ObsidianHtmlRenderer(TextWriter writer, MarkdownPipeline pipeline, ObsidianMarkdownOptions options)
        : base(writer)
    {
        this.pipeline = pipeline;
        root = this;
        Options = options;
        pipeline.Setup(this);
        ObjectRenderers.Replace<HtmlBlockRenderer>(new HtmlRawBlockRenderer());
        ObjectRenderers.Replace<HtmlInlineRenderer>(rawInlineRenderer);
        ObjectRenderers.Replace<Markdig.Extensions.Footnotes.HtmlFootnoteLinkRenderer>(new HtmlFootnoteLinkRenderer());
        LinkRewriter = url => url.StartsWith('#') ? InPage(url) : url;
        ObjectWriteBefore += (_, obj) =>
        {
            StartingBlock(obj);
            WritingText(obj);
        };
        ObjectWriteAfter += (_, obj) =>
        {
            FinishedBlock(obj);
            WroteText(obj);
        };
    }

    public INoteRenderContext Context { get; private set; } = NoContext.Instance;

    public ObsidianMarkdownOptions Options { get; }

    // A fragment of the page the note is shown on (see INoteRenderContext.PageAddress).
    public string InPage(string fragment) => Context.PageAddress + fragment;

    public StringBuilder Output => ((StringWriter)Writer).GetStringBuilder();

    // The words of the whole page, transcluded notes' included (see RenderedNote.PlainText).
    public NoteText Text => root.text;

    public IReadOnlyList<OutlineHeading> Outline => outline;

    // A level-1 heading written first that only repeats the note's title, and where the output after it starts.
    public OutlineHeading? TitleHeading { get; private set; }

    public int BodyStart { get; private set; }

    // The runs of the note's top-level blocks that contain raw HTML needing the sanitizer (here or in a note they
    // transclude), extended over the blocks that follow until the elements the raw HTML opened are closed. Only these
    // are sanitized: between top-level blocks no element of ours is open, so each run parses the same on its own as in
    // the page.
    public IReadOnlyList<(int Start, int End)> RawHtmlParts => rawHtmlParts;

    public void RenderNote(ParsedNote note, INoteRenderContext context)
    {
        Reset();
        Context = context;
        embedChain = [note];
        document = note.Document;
        rawHtmlNesting.Clear();
        rawHtmlParts.Clear();
        rawHtmlWrites.Clear();
        openSafeTags.Clear();
        text.Clear();
        outline.Clear();
        headingStarts.Clear();
        partStart = -1;
        title = note.Title;
        (TitleHeading, BodyStart) = (null, 0);
        Render(note.Document);
        // A pooled renderer must not keep the note, or the host's context, alive.
        (Context, embedChain, document) = (NoContext.Instance, [], null);
        rawInlineRenderer.Forget();
        if (partStart >= 0)
        {
            rawHtmlParts.Add((partStart, Output.Length));
        }

        // Every piece of raw HTML must lie in a part that gets sanitized; if the bookkeeping above ever missed one,
        // the whole output is sanitized instead.
        if (!PartsCoverRawHtml())
        {
            rawHtmlParts.Clear();
            rawHtmlParts.Add((0, Output.Length));
        }

        // The sanitizer may rewrite a part, so the body can be cut after the title only where no part reaches into it.
        if (TitleHeading is { } heading && rawHtmlParts.Count > 0 && rawHtmlParts[0].Start < BodyStart)
        {
            outline.Insert(0, heading);
            (TitleHeading, BodyStart) = (null, 0);
        }
    }

    // Called by the raw HTML renderers, also those of transcluded notes, after writing html from output position start on.
    public void WroteRawHtml(int start, string html)
    {
        root.blockNeedsSanitizing = true;
        root.rawHtmlWrites.Add((start, Output.Length));
        root.rawHtmlNesting.Read(html);
    }

    // Called by the raw inline renderer, also of transcluded notes, after writing a simple tag. It needs no sanitizer if
    // every such tag is closed in the same run of inlines as it opened, in order; otherwise its block is sanitized.
    public void WroteSafeInlineTag(SafeInlineTag tag, ContainerInline container)
    {
        root.rawHtmlNesting.Read(tag.Canonical);
        var open = root.openSafeTags;
        if (tag.IsVoid)
        {
            return;
        }

        if (!tag.IsEnd)
        {
            open.Add((container, tag.Name));
        }
        else if (open.Count > 0 && open[^1].Container == container && open[^1].Name == tag.Name)
        {
            open.RemoveAt(open.Count - 1);
        }
        else
        {
            root.blockNeedsSanitizing = true;
        }
    }

    // Both lists are in output order, so one pass over each tells.
    private bool PartsCoverRawHtml()
    {
        var part = 0;
        foreach (var (start, end) in rawHtmlWrites)
        {
            while (part < rawHtmlParts.Count && rawHtmlParts[part].End < end)
            {
                part++;
            }

            if (part == rawHtmlParts.Count || rawHtmlParts[part].Start > start)
            {
                return false;
            }
        }

        return true;
    }

    // What Markdig's own renderers write as text, told from the syntax tree as each object is written; our renderers
    // add theirs to Text where they write it. Inside an image's description (its alt attribute) nothing is text.
    private void WritingText(MarkdownObject obj)
    {
        var text = Text;
        if (IsOutsideProse(obj))
        {
            text.Mute();
        }

        switch (obj)
        {
            case Block block:
                text.Break();
                if (block is HeadingBlock)
                {
                    root.headingStarts.Push(text.Length);
                }

                if (block is MathBlock math)
                {
                    text.Append("\\[");
                    AppendLines(text, math);
                    text.Append("\\]");
                }
                else if (block is CodeBlock code and not YamlFrontMatterBlock)
                {
                    AppendLines(text, code);
                }
                else if (block is HtmlBlock html)
                {
                    text.AppendHtml(html.Lines.ToString());
                }

                break;
            case Inline when !EnableHtmlForInline:
                break;
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.ContentSpan);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline:
                text.Break();
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case MathInline formula:
                text.Append("\\(");
                text.Append(formula.Content.AsSpan());
                text.Append("\\)");
                break;
            case FootnoteLink footnote:
                text.Append(footnote.IsBackLink ? "\u21A9" : footnote.Footnote.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case HtmlInline html:
                text.AppendTag(html.Tag);
                break;
            case DelimiterInline delimiter:
                // An unmatched "[" or "*" is written as it stands, before what follows it.
                text.Append(delimiter.ToLiteral());
                break;
        }
    }

    private void WroteText(MarkdownObject obj)
    {
        if (IsOutsideProse(obj))
        {
            Text.Unmute();
        }

        if (obj is not Block block)
        {
            return;
        }

        var text = Text;
        if (block is HeadingBlock heading && root.headingStarts.TryPop(out var start)
            && heading.TryGetAttributes()?.Id is { } id && text.Since(start).Trim() is { Length: > 0 } words)
        {
            var entry = new OutlineHeading(heading.Level, id, words);
            if (this == root && heading.Level == 1 && heading.Parent == document && blockStart == 0 && words.Equals(title, StringComparison.OrdinalIgnoreCase))
            {
                (TitleHeading, BodyStart) = (entry, Output.Length);
            }
            else
            {
                root.outline.Add(entry);
            }
        }

        text.Break();
    }

    // Links of every kind (an embed's whole transclusion included), code and math: words there are not the note's prose.
    private static bool IsOutsideProse(MarkdownObject obj) =>
        obj is LinkInline or AutolinkInline or WikiLinkInline or TagInline or TimestampInline or FootnoteLink or CodeInline or MathInline or CodeBlock;

    private static void AppendLines(NoteText text, LeafBlock block)
    {
        var lines = block.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            text.Break();
            text.Append(lines.Lines[i].Slice.AsSpan());
        }

        text.Break();
    }

    private void StartingBlock(MarkdownObject obj)
    {
        if (obj is Block block && block.Parent == document && document is not null)
        {
            blockStart = Output.Length;
            blockNeedsSanitizing = false;
        }
    }

    private void FinishedBlock(MarkdownObject obj)
    {
        if (obj is not Block block || block.Parent != document || document is null)
        {
            return;
        }

        if (openSafeTags.Count > 0)
        {
            blockNeedsSanitizing = true;
            openSafeTags.Clear();
        }

        if (blockNeedsSanitizing && partStart < 0)
        {
            partStart = blockStart;
            // Each call to the sanitizer costs about as much as sanitizing a few hundred characters, so a part that
            // starts shortly after a short one joins it. Parts stay short because the sanitizer's parser slows down
            // more than linearly with the number of elements side by side.
            if (rawHtmlParts.Count > 0 && partStart - rawHtmlParts[^1].End < MinimumGapBetweenParts
                && rawHtmlParts[^1].End - rawHtmlParts[^1].Start < MaximumJoinedPartLength)
            {
                partStart = rawHtmlParts[^1].Start;
                rawHtmlParts.RemoveAt(rawHtmlParts.Count - 1);
            }
        }

        if (partStart >= 0 && rawHtmlNesting.IsBalanced)
        {
            rawHtmlParts.Add((partStart, Output.Length));
            partStart = -1;
        }
    }

    public void WriteNoteEmbed(WikiLinkInline link)
    {
        if (embedChain.Count > Options.MaxEmbedDepth)
        {
            WriteNotice(link, "Embedding stopped: nested too deeply");
            return;
        }

        // The output is the whole page's, embeds included: a page holds at most this much plus the last note it embeds.
        if (Output.Length >= Options.MaxLengthForEmbeds)
        {
            Write("<span class=\"embed-notice\" data-target=\"").WriteEscape(link.Target).Write("\">Not embedded, the page is long enough already: ");
            Text.Append("Not embedded, the page is long enough already: ");
            HtmlWikiLinkRenderer.WriteNoteLink(this, link);
            Write("</span>");
            return;
        }

        var note = Context.LoadNoteForEmbed(link.Target);
        if (note is null)
        {
            Write("<span class=\"embed-missing\" data-target=\"").WriteEscape(link.Target).Write("\">Missing note: ");
            HtmlWikiLinkRenderer.WriteNoteLink(this, link, asText: false);
            Text.AppendPlaceholder("Missing note: " + link.DisplayText);
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
        Text.Break();
        Text.Append(link.Alias ?? link.DisplayText);
        Text.Break();
        Write("<div class=\"embed-note-content\">");
        if (blocks is null)
        {
            Write("<span class=\"embed-missing\">Section not found: ").WriteEscape(link.Fragment.TrimStart('#')).Write("</span>");
            Text.AppendPlaceholder("Section not found: " + link.Fragment.TrimStart('#'));
        }
        else
        {
            WriteLine();
            // A separate renderer per transclusion restarts Markdig's nesting budget; embed depth bounds the total.
            embedChain.Add(note);
            var inner = new ObsidianHtmlRenderer(Writer, pipeline, Options) { Context = Context, embedChain = embedChain, root = root };
            foreach (var block in blocks)
            {
                inner.Write(block);
            }

            inner.EnsureLine();
            embedChain.RemoveAt(embedChain.Count - 1);
        }

        WriteLine("</div>");
        WriteLine("</div>");
        Text.Break();
    }

    private void WriteNotice(WikiLinkInline link, string message)
    {
        Write("<span class=\"embed-notice\" data-target=\"").WriteEscape(link.Target).Write("\">").WriteEscape(message).Write(": ")
            .WriteEscape(link.Target).Write("</span>");
        Text.Append($"{message}: {link.Target}");
    }

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

    public string? TimestampHref(WrittenTime time) => null;
}

using Markdig.Syntax;

namespace StudyHub.Markdown;

/// <summary>A parsed note: its metadata, the links and times it contains, and the syntax tree <see cref="ObsidianMarkdown.RenderHtml"/> renders.</summary>
public sealed class ParsedNote
{
    internal ParsedNote(MarkdownDocument document, string? fileName)
    {
        Document = document;
        FileName = fileName;
    }

    internal MarkdownDocument Document { get; }

    /// <summary>The file name the caller passed to <see cref="ObsidianMarkdown.Parse"/>, if any.</summary>
    public string? FileName { get; }

    /// <summary>Front matter <c>title</c>, else the file name without extension; never the first heading or the <c>Subject</c> field.</summary>
    public string Title { get; init; } = "";

    /// <summary>Front matter aliases.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Front matter tags followed by inline <c>#tags</c>, without '#', without duplicates (compared case-insensitively).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Front matter fields other than title, tags and aliases: strings, numbers, booleans, lists and nested maps.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    /// <summary>Inline fields such as <c>Link:https://…</c> at the top of the note and <c>Key:: value</c> lines; keys compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every wikilink and embed, in document order.</summary>
    public IReadOnlyList<WrittenLink> Links { get; init; } = [];

    /// <summary>Every heading with the id it renders with.</summary>
    public IReadOnlyList<NoteHeading> Headings { get; init; } = [];

    /// <summary>Block ids (<c>^id</c>) declared in the note, without '^'.</summary>
    public IReadOnlyList<string> BlockIds { get; init; } = [];

    /// <summary>1-based lines of the note's top-level thematic breaks (<c>---</c>), which can separate its parts.</summary>
    public IReadOnlyList<int> ThematicBreakLines { get; init; } = [];

    /// <summary>Video times mentioned in the prose.</summary>
    public IReadOnlyList<WrittenTime> Timestamps { get; init; } = [];

    /// <summary>Problems an importer should report; the note still renders.</summary>
    public IReadOnlyList<NoteWarning> Warnings { get; init; } = [];
}

/// <summary>One wikilink or embed as the note writes it (the host stores its own resolved link).</summary>
/// <param name="Target">The note or file named, as written (empty for <c>[[#Heading]]</c>).</param>
/// <param name="Alias">The text after '|', if any (for image embeds this may be a size such as <c>300x200</c>).</param>
/// <param name="Heading">The heading after '#', if any.</param>
/// <param name="BlockId">The block id after <c>#^</c>, if any.</param>
/// <param name="IsEmbed">Whether it was written <c>![[…]]</c>.</param>
/// <param name="IsAttachment">Whether the target names a file other than a note.</param>
/// <param name="Line">1-based line in the source.</param>
/// <param name="Offset">0-based character offset in the source.</param>
public sealed record WrittenLink(string Target, string? Alias, string? Heading, string? BlockId, bool IsEmbed, bool IsAttachment, int Line, int Offset)
{
    /// <summary>The front-matter property whose value holds the link (<c>based_on</c> in <c>based_on: ["[[BERT]]"]</c>); null for links in the text.</summary>
    public string? Property { get; init; }

    /// <summary>
    /// The section of the note's text the link is written in: how many headings (of any level, anywhere in the text, in
    /// callouts too) and thematic breaks come before it; footnotes, shown after a rule, are a section of their own. Null
    /// for links in front-matter properties.
    /// </summary>
    public int? Section { get; init; }
}

/// <summary>A heading and its element id.</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="Text">The heading as plain text.</param>
/// <param name="Id">The element id (see <see cref="HeadingSlug"/>), with a -1, -2 … suffix on duplicates.</param>
/// <param name="Line">1-based line in the source.</param>
public sealed record NoteHeading(int Level, string Text, string Id, int Line);

/// <summary>A video time mentioned in the prose.</summary>
/// <param name="Text">The time as written, e.g. <c>28:00</c>.</param>
/// <param name="Seconds">The time in seconds.</param>
/// <param name="Line">1-based line in the source.</param>
/// <param name="Offset">0-based character offset in the source.</param>
public sealed record WrittenTime(string Text, int Seconds, int Line, int Offset);

/// <summary>Something an importer should report about a note.</summary>
/// <param name="Line">1-based line in the source.</param>
/// <param name="Message">What is wrong.</param>
public sealed record NoteWarning(int Line, string Message);

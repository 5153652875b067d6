namespace StudyHub.Markdown;

/// <summary>What the host application supplies while a note is rendered: URLs for notes, attachments and timestamps.</summary>
public interface INoteRenderContext
{
    /// <summary>Resolves a wikilink target (without heading or alias) to the URL of the note, or of its "not yet written" page.</summary>
    NoteLinkTarget ResolveNote(string target);

    /// <summary>Resolves an attachment name such as <c>image.png</c> or <c>folder/doc.pdf</c>; <see langword="null"/> when the file is missing.</summary>
    AttachmentTarget? ResolveAttachment(string name);

    /// <summary>Loads the note an embed such as <c>![[Other note]]</c> transcludes; <see langword="null"/> when it does not exist.</summary>
    ParsedNote? LoadNoteForEmbed(string target);

    /// <summary>
    /// The link a time in the note seeks with, e.g. <c>?t=1680</c>; <see langword="null"/> when the time has no
    /// recording to seek (it then stays plain text).
    /// </summary>
    string? TimestampHref(WrittenTime time);

    /// <summary>
    /// The address of the page the note is shown on, such as <c>/notes/clip</c>. Links within the page (<c>#heading</c>,
    /// <c>[[#Heading]]</c>, footnotes) are written as this address and their fragment: a page with
    /// <c>&lt;base href="/"&gt;</c> would otherwise resolve a bare <c>#heading</c> to the home page. Empty leaves them bare.
    /// </summary>
    string PageAddress => "";
}

/// <summary>Where a wikilink points.</summary>
/// <param name="Href">The application URL of the note, or of the page for a note that is not yet written.</param>
/// <param name="Exists">Whether the note exists in the vault.</param>
public sealed record NoteLinkTarget(string Href, bool Exists);

/// <summary>A resolved attachment.</summary>
/// <param name="Url">The URL the browser loads the file from.</param>
/// <param name="Kind">How the file is embedded; <see cref="Attachments.KindOf"/> derives it from the file name.</param>
/// <param name="Width">An image's width in pixels, when known: with <paramref name="Height"/>, an embed reserves its place before it loads.</param>
/// <param name="Height">An image's height in pixels, when known.</param>
public sealed record AttachmentTarget(string Url, MediaKind Kind, int? Width = null, int? Height = null);

/// <summary>How an embedded attachment is shown.</summary>
public enum MediaKind
{
    /// <summary>A file offered as a download link.</summary>
    Other,
    /// <summary>Shown with <c>&lt;img&gt;</c>.</summary>
    Image,
    /// <summary>Shown with <c>&lt;audio controls&gt;</c>.</summary>
    Audio,
    /// <summary>Shown with <c>&lt;video controls&gt;</c>.</summary>
    Video,
    /// <summary>Shown in a frame with a download link.</summary>
    Pdf,
}

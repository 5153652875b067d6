using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using Attachment = StudyHub.Web.Features.Attachments.Attachment;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// What the renderer needs to know about the rest of the vault while one note is rendered. Each note comes with the
/// href of its address, made once for the many links to it; a note embedded in another is read when it is asked for.
sealed class VaultRenderContext(
    VaultLinkIndex index,
    IReadOnlyDictionary<string, string> notes,
    Func<string, ParsedNote> readNote,
    IReadOnlyDictionary<string, Attachment> attachments,
    IReadOnlyDictionary<int, string>? seekLinks = null,
    string pageAddress = "") : INoteRenderContext
{
    /// The same vault seen from one note, shown at its address, whose times (by offset) seek its recordings through these links.
    public VaultRenderContext For(string address, IReadOnlyDictionary<int, string> seekLinksOfNote) =>
        new(index, notes, readNote, attachments, seekLinksOfNote, NoteAddress.Href(address));

    public string PageAddress => pageAddress;

    public NoteLinkTarget ResolveNote(string target) =>
        index.ResolveNote(target) is { } path && notes.TryGetValue(path, out var note)
            ? new NoteLinkTarget(note, Exists: true)
            : new NoteLinkTarget(ConceptAddress.Href(Slug.From(StoredLinks.LinkedNoteName(target))), Exists: false);

    public AttachmentTarget? ResolveAttachment(string name) =>
        index.ResolveAttachment(name) is { } path && attachments.TryGetValue(path, out var attachment)
            ? new AttachmentTarget(AttachmentEndpoints.UrlOf(attachment.ContentHash, attachment.FileName), StudyHub.Markdown.Attachments.KindOf(attachment.FileName),
                attachment.Width, attachment.Height)
            : null;

    public ParsedNote? LoadNoteForEmbed(string target) =>
        index.ResolveNote(target) is { } path && notes.ContainsKey(path) ? readNote(path) : null;

    public string? TimestampHref(WrittenTime time) =>
        seekLinks?.GetValueOrDefault(time.Offset);
}

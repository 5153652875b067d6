using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using Attachment = StudyHub.Web.Features.Attachments.Attachment;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// What the renderer needs to know about the rest of the vault while one note is rendered.
sealed class VaultRenderContext(
    VaultLinkIndex index,
    IReadOnlyDictionary<string, (string Slug, ParsedNote Parsed)> notes,
    IReadOnlyDictionary<string, Attachment> attachments,
    string noteSlug = "") : INoteRenderContext
{
    /// The same vault seen from one note, whose own page its times link to.
    public VaultRenderContext For(string slug) => new(index, notes, attachments, slug);

    public NoteLinkTarget ResolveNote(string target) =>
        index.ResolveNote(target) is { } path && notes.TryGetValue(path, out var note)
            ? new NoteLinkTarget($"/notes/{note.Slug}", Exists: true)
            : new NoteLinkTarget($"/concepts/{Slug.From(target)}", Exists: false);

    public AttachmentTarget? ResolveAttachment(string name) =>
        index.ResolveAttachment(name) is { } path && attachments.TryGetValue(path, out var attachment)
            ? new AttachmentTarget(AttachmentEndpoints.UrlOf(attachment.ContentHash, attachment.FileName), StudyHub.Markdown.Attachments.KindOf(attachment.FileName))
            : null;

    public ParsedNote? LoadNoteForEmbed(string target) =>
        index.ResolveNote(target) is { } path && notes.TryGetValue(path, out var note) ? note.Parsed : null;

    public string TimestampHref(int seconds) => $"/notes/{noteSlug}?t={seconds}";
}

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
    string noteSlug = "",
    IReadOnlyDictionary<int, int?>? recordingOfTime = null) : INoteRenderContext
{
    /// The same vault seen from one note: its times link to its own page, when they have a recording to seek.
    public VaultRenderContext For(string slug, IReadOnlyDictionary<int, int?> recordingOfTime) => new(index, notes, attachments, slug, recordingOfTime);

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

    public string? TimestampHref(StudyHub.Markdown.NoteTimestamp time) =>
        recordingOfTime is not null && recordingOfTime.GetValueOrDefault(time.Offset) is not null ? $"/notes/{noteSlug}?t={time.Seconds}" : null;
}

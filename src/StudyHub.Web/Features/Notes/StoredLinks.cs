using StudyHub.Markdown;

namespace StudyHub.Web.Features.Notes;

/// A link as a note writes it, turned into the row that says where it leads in the vault.
public static class StoredLinks
{
    /// <paramref name="notesByPath"/> are the vault's notes after the import, by path.
    public static NoteLink Of(Note note, WrittenLink link, VaultLinkIndex index, IReadOnlyDictionary<string, Note> notesByPath, string markdown)
    {
        var isAttachment = index.IsAttachment(link.Target);
        var target = isAttachment ? link.Target : LinkedNoteName(link.Target);
        var stored = new NoteLink
        {
            NoteId = note.Id, TargetText = target, TargetSlug = target.Length == 0 ? note.Slug : Slug.From(target), Alias = link.Alias, Heading = link.Heading,
            BlockId = link.BlockId, IsEmbed = link.IsEmbed, IsAttachment = isAttachment, Line = link.Line, Offset = link.Offset,
            Section = link.Section,
            Context = isAttachment ? ""
                : link.Property is { } property ? LinkContext.PropertyLine(property, link.Alias ?? target)
                : LinkContext.SentenceAround(markdown, link.Offset),
        };
        (stored.TargetNoteId, stored.TargetAttachmentPath) = TargetOf(note, isAttachment ? link.Target : target, isAttachment, index, notesByPath);
        return stored;
    }

    /// Whether a stored link of <paramref name="note"/> would be stored otherwise in the vault as it is now: taken for a
    /// file rather than a note or the other way, or leading elsewhere. An incremental import derives such a note again.
    public static bool LeadsElsewhere(NoteLink link, Note note, VaultLinkIndex index, IReadOnlyDictionary<string, Note> notesByPath) =>
        index.IsAttachment(link.TargetText) != link.IsAttachment
        || TargetOf(note, link.TargetText, link.IsAttachment, index, notesByPath) != (link.TargetNoteId, link.TargetAttachmentPath);

    static (Guid? Note, string? Attachment) TargetOf(Note note, string target, bool isAttachment, VaultLinkIndex index,
        IReadOnlyDictionary<string, Note> notesByPath) =>
        isAttachment ? (null, index.ResolveAttachment(target))
        : (target.Length == 0 ? note.Path : index.ResolveNote(target)) is { } path && notesByPath.TryGetValue(path, out var resolved) ? (resolved.Id, null)
        : (null, null);

    /// [x](Example.md) and [[Example]] name the same note, and the same concept when it is not yet written.
    public static string LinkedNoteName(string target) =>
        target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? target[..^3] : target;
}

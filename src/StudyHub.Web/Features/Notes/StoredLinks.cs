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
        if (isAttachment)
        {
            stored.TargetAttachmentPath = index.ResolveAttachment(link.Target);
        }
        else if ((target.Length == 0 ? note.Path : index.ResolveNote(target)) is { } path && notesByPath.TryGetValue(path, out var resolved))
        {
            stored.TargetNoteId = resolved.Id;
        }
        return stored;
    }

    /// [x](Example.md) and [[Example]] name the same note, and the same concept when it is not yet written.
    public static string LinkedNoteName(string target) =>
        target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? target[..^3] : target;
}

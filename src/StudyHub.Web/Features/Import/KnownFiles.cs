using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Import;

/// The files of a vault whose bytes an import need not read: a sync's manifest gives each file's SHA-256 as last
/// scanned, and a note stored live at that path with that hash has the name it had when it was read (a note's name
/// follows from its path and bytes alone), an attachment its size.
public sealed class KnownFiles
{
    readonly Dictionary<string, NoteName> _notes;
    readonly Dictionary<string, SourceAttachment> _attachments;

    KnownFiles(Dictionary<string, NoteName> notes, Dictionary<string, SourceAttachment> attachments) =>
        (_notes, _attachments) = (notes, attachments);

    public NoteName? NoteAt(string path) => _notes.GetValueOrDefault(path);

    public SourceAttachment? AttachmentAt(string path) => _attachments.GetValueOrDefault(path);

    /// <paramref name="notes"/> are the vault's notes as loaded by name, deleted ones too; <paramref name="hashes"/> are
    /// files' SHA-256 by path, as notes and attachments store them (SourceNotes.Hex).
    public static async Task<KnownFiles> LoadAsync(StudyHubDbContext db, Guid vaultId, IEnumerable<Note> notes,
        IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken)
    {
        var attachments = await db.Attachments.Where(a => a.VaultId == vaultId)
            .Select(a => new { a.Path, a.ContentHash, a.Size }).ToListAsync(cancellationToken);
        bool Known(string path, string hash) => hashes.TryGetValue(path, out var known) && known == hash;
        return new KnownFiles(
            notes.Where(n => n.DeletedAt is null && Known(n.Path, n.ContentHash))
                .ToDictionary(n => n.Path, n => new NoteName(n.Path, n.ContentHash, n.Title, n.Aliases), StringComparer.Ordinal),
            attachments.Where(a => Known(a.Path, a.ContentHash)).ToDictionary(a => a.Path, a => new SourceAttachment(a.Path, a.ContentHash, a.Size), StringComparer.Ordinal));
    }
}

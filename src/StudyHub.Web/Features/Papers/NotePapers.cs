using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Papers;

/// A paper as the note page names it: its title, where it is read (null when nowhere), and whether it is a PDF of the
/// vault, which the page's own viewer opens.
public sealed record PaperLink(string Title, string? Href, bool InViewer = false);

/// The papers a note's Paper: field names, each with the best title known: the link's own text when it is a title,
/// else what a PDF of the vault calls itself, else what arXiv answered (ArxivTitles), else the arXiv id; else the file
/// or address as written.
public static class NotePapers
{
    /// <paramref name="opening"/>: the start of the note's markdown, as PaperReference.Of reads it.
    public static async Task<IReadOnlyList<PaperLink>> LoadAsync(StudyHubDbContext db, Guid noteId, Guid vaultId, NoteMetadata metadata, string opening,
        CancellationToken cancellationToken)
    {
        var references = PaperReference.Of(metadata, opening);
        if (references.Count == 0)
        {
            return [];
        }
        var files = references.Select(r => r.VaultFile).OfType<string>().ToList();
        // The import resolved the note's links as Obsidian does; a [[file]] in the field is one of them.
        var linked = files.Count == 0 ? [] : await db.NoteLinks.Where(l => l.NoteId == noteId && files.Contains(l.TargetText))
            .Select(l => new
            {
                l.TargetText,
                Note = db.Notes.Where(n => n.Id == l.TargetNoteId).Select(n => new { n.Title, n.Address }).FirstOrDefault(),
                Pdf = db.Attachments.Where(a => a.VaultId == vaultId && a.Path == l.TargetAttachmentPath)
                    .Select(a => new { a.ContentHash, a.Path, Title = db.PaperTitles.Where(t => t.AttachmentId == a.Id).Select(t => t.Title).FirstOrDefault() })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var byTarget = linked.DistinctBy(l => l.TargetText).ToDictionary(l => l.TargetText, StringComparer.Ordinal);
        var arxivIds = references.Where(r => r.Text is null).Select(r => r.ArxivId).OfType<string>().ToList();
        var arxivTitles = arxivIds.Count == 0 ? [] : await db.ArxivTitles.Where(t => arxivIds.Contains(t.Id) && t.Title != null)
            .ToDictionaryAsync(t => t.Id, t => t.Title!, StringComparer.Ordinal, cancellationToken);
        return references.Select(reference =>
        {
            if (reference.VaultFile is not { } file)
            {
                return reference.ArxivId is { } id
                    ? new PaperLink(reference.Text ?? arxivTitles.GetValueOrDefault(id) ?? $"arXiv:{id}", $"https://arxiv.org/abs/{id}")
                    : new PaperLink(reference.Text ?? reference.Url!, reference.Url);
            }
            var target = byTarget.GetValueOrDefault(file);
            if (target?.Pdf is { } pdf && StudyHub.Markdown.Attachments.KindOf(pdf.Path) == StudyHub.Markdown.MediaKind.Pdf)
            {
                var name = Path.GetFileName(pdf.Path);
                return new PaperLink(reference.Text ?? pdf.Title ?? Path.GetFileNameWithoutExtension(name), AttachmentEndpoints.UrlOf(pdf.ContentHash, name), InViewer: true);
            }
            return target?.Note is { } note
                ? new PaperLink(reference.Text ?? note.Title, NoteAddress.Href(note.Address))
                : new PaperLink(reference.Text ?? file, null);
        }).DistinctBy(p => p.Href ?? p.Title).ToList();
    }
}

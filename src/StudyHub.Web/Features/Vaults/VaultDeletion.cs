using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Vaults;

/// What deleting a vault takes with it: every row that hangs off it cascades, so these counts are what goes.
public sealed record VaultDeletion(int Notes, int Files, int Annotations, int Comments, int ShareLinks, int Imports)
{
    public static async Task<VaultDeletion> OfAsync(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken)
    {
        // Removed notes go too, with their discussion and share links; only live ones are counted as notes.
        var notes = db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Where(n => n.VaultId == vaultId);
        return new VaultDeletion(
            await db.Notes.CountAsync(n => n.VaultId == vaultId, cancellationToken),
            await db.Attachments.CountAsync(a => a.VaultId == vaultId, cancellationToken),
            await db.Annotations.CountAsync(a => notes.Any(n => n.Id == a.NoteId), cancellationToken),
            await db.Comments.CountAsync(c => notes.Any(n => n.Id == c.NoteId), cancellationToken),
            await db.NoteShares.CountAsync(s => notes.Any(n => n.Id == s.NoteId), cancellationToken),
            await db.ImportRuns.CountAsync(r => r.VaultId == vaultId, cancellationToken));
    }

    /// Deletes the vault and what hangs off it, and the stored bytes no other vault's file shares; cached pages made
    /// before are retired by the content version, which the deletion moves.
    public static async Task DeleteAsync(StudyHubDbContext db, ContentCache content, Guid vaultId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.ForBatchWork().Database.BeginTransactionAsync(cancellationToken);
        await ImportDatabase.WaitForOtherImportsAsync(db, cancellationToken);
        await db.Vaults.Where(v => v.Id == vaultId).ExecuteDeleteAsync(cancellationToken);
        await db.AttachmentContents.Where(c => !db.Attachments.Any(a => a.ContentHash == c.ContentHash)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        content.Forget();
    }
}

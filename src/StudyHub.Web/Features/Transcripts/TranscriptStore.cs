using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Transcripts;

public static class TranscriptStore
{
    /// Makes a vault's stored cues these, writing nothing when they already are: re-importing a vault, with or without
    /// transcripts, then costs one read of its cues. True when they changed.
    public static async Task<bool> ReplaceAsync(StudyHubDbContext db, Guid vaultId, List<TranscriptCue> cues, CancellationToken cancellationToken)
    {
        var notes = db.Notes.IgnoreQueryFilters().Where(n => n.VaultId == vaultId).Select(n => n.Id);
        var stored = await db.TranscriptCues.AsNoTracking().Where(c => notes.Contains(c.NoteId))
            .OrderBy(c => c.NoteId).ThenBy(c => c.MediaIndex).ThenBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new { c.NoteId, c.MediaIndex, c.Start, c.End, c.Text, c.Speaker })
            .ToListAsync(cancellationToken);
        var wanted = cues.OrderBy(c => c.NoteId).ThenBy(c => c.MediaIndex).ThenBy(c => c.Start)
            .Select(c => new { c.NoteId, c.MediaIndex, c.Start, c.End, c.Text, c.Speaker });
        if (stored.SequenceEqual(wanted))
        {
            return false;
        }
        await db.TranscriptCues.Where(c => notes.Contains(c.NoteId)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.CopyAsync(db, cues, cancellationToken);
        return true;
    }
}

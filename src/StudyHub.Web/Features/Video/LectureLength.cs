using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Video;

/// How long a lecture is: what its note's front matter says (duration: 1:18:00), else what the header of its recording
/// says when that is a file of the vault (MediaDuration, read at import). Front matter wins because an author who writes
/// a length means it: the file may hold more than the lecture (a break left in, a trailer), and a header can be wrong,
/// where nobody writes a length by accident. A YouTube or Vimeo recording has only front matter: nothing is fetched.
public static class LectureLength
{
    public static int? Of(NoteMetadata metadata, TimeSpan? recorded) =>
        LectureTime.DurationOf(metadata) ?? (recorded is { TotalSeconds: >= 1 } length ? (int)length.TotalSeconds : null);

    /// The lengths read at import of the given recordings (Note.Media) that are files of a vault, by URL.
    public static async Task<Dictionary<string, TimeSpan>> RecordedAsync(StudyHubDbContext db, Guid vaultId, IEnumerable<string> recordings,
        CancellationToken cancellationToken)
    {
        var hashes = recordings.Select(url => (Url: url, Hash: AttachmentEndpoints.HashIn(url))).Where(r => r.Hash is not null).ToList();
        if (hashes.Count == 0)
        {
            return [];
        }
        var wanted = hashes.ConvertAll(h => h.Hash!);
        var lengths = await db.Attachments.Where(a => a.VaultId == vaultId && wanted.Contains(a.ContentHash) && a.Duration != null)
            .Select(a => new { a.ContentHash, a.Duration }).ToListAsync(cancellationToken);
        var byHash = lengths.DistinctBy(l => l.ContentHash).ToDictionary(l => l.ContentHash, l => l.Duration!.Value, StringComparer.Ordinal);
        return hashes.Where(h => byHash.ContainsKey(h.Hash!)).DistinctBy(h => h.Url).ToDictionary(h => h.Url, h => byHash[h.Hash!], StringComparer.Ordinal);
    }
}

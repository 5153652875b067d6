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
    /// In seconds; <paramref name="media"/> are the note's recordings (Note.Media), the lecture's first, and
    /// <paramref name="recorded"/> the lengths RecordedAsync found.
    public static int? Of(NoteMetadata metadata, IReadOnlyList<string> media, IReadOnlyDictionary<string, TimeSpan> recorded) =>
        LectureTime.DurationOf(metadata)
        ?? (media.Count > 0 && recorded.TryGetValue(media[0], out var length) && length.TotalSeconds >= 1 ? (int)length.TotalSeconds : null);

    /// The lengths read at import of these notes' lectures (the first of each note's Media) that are files of the vault, by URL.
    public static async Task<Dictionary<string, TimeSpan>> RecordedAsync(StudyHubDbContext db, Guid vaultId, IEnumerable<IReadOnlyList<string>> media,
        CancellationToken cancellationToken)
    {
        var hashes = media.Where(m => m.Count > 0).Select(m => (Url: m[0], Hash: AttachmentEndpoints.HashIn(m[0]))).Where(r => r.Hash is not null).ToList();
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

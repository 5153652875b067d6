using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Notes;

/// Where a note is read: /notes/{vault}/{folders}/{name}, each part slugged, from the vault and the note's path
/// alone, so that two installs, or one before and after importing another vault, give a note the same address.
/// The one place that writes a note's URL.
public static class NoteAddress
{
    public const string Prefix = "/notes/";

    /// A vault's slug and a path of 1,024 characters, slugged, with a tag.
    public const int MaxLength = 1300;

    /// Whether some note could be at this address, or once have been; anything longer is answered 404 without
    /// asking the database, so that nobody can make each request cost a lookup of kilobytes.
    public static bool CanExist(string address) => address.Length <= MaxLength;

    /// The page of the note at this address: "/notes/cs224n/lectures/transformers".
    public static string Href(string address) =>
        Prefix + string.Join('/', address.Split('/').Select(Uri.EscapeDataString));

    /// The same with a time of the note's lecture cued: "?t=1680".
    public static string Href(string address, int seconds) => $"{Href(address)}?t={seconds}";

    /// The query that picks which of a note's recordings its page plays, counted from 1 as a reader counts them.
    public const string RecordingQuery = "recording";

    /// The page playing one of the note's recordings, cued at a moment when one is given.
    public static string HrefOfRecording(string address, int recording, int? seconds = null) => Href(address) + MomentQuery(recording, seconds);

    /// "?recording=2&t=95"; the first recording, the lecture, needs no number ("?t=95", or nothing).
    public static string MomentQuery(int recording, int? seconds) => (recording, seconds) switch
    {
        (0, null) => "",
        (0, { } at) => $"?t={at}",
        (_, null) => $"?{RecordingQuery}={recording + 1}",
        (_, { } at) => $"?{RecordingQuery}={recording + 1}&t={at}",
    };

    /// Every path of a vault's live notes with its address. Paths that slug alike ("CLIP.md" and "clip.md", or
    /// "A & B.md" and "A B.md" in one folder) each get a tag from their exact path, so neither takes the other's
    /// address and which came first does not matter. A note and a folder of the same name do not clash:
    /// "transformers" and "transformers/attention" are different addresses.
    public static Dictionary<string, string> Of(string vaultSlug, IEnumerable<string> paths)
    {
        var plain = paths.Distinct(StringComparer.Ordinal).ToDictionary(p => p, p => Plain(vaultSlug, p), StringComparer.Ordinal);
        var shared = plain.Values.CountBy(a => a).Where(c => c.Value > 1).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return plain.ToDictionary(p => p.Key, p => shared.Contains(p.Value) ? $"{p.Value}-{Tag(p.Key)}" : p.Value, StringComparer.Ordinal);
    }

    static string Plain(string vaultSlug, string path)
    {
        var withoutExtension = path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return $"{vaultSlug}/{string.Join('/', withoutExtension.Split('/').Select(Slug.From))}";
    }

    static string Tag(string path) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..6];

    /// The address of the live note that an old address names: a slug from before addresses (/notes/clip-2, the
    /// note's slug now or once), or an address the note had before its path changed; null when the reader may not read it.
    public static Task<string?> MovedAsync(StudyHubDbContext db, string old, CancellationToken cancellationToken) =>
        db.Notes.Where(n => n.Slug == old && n.Address != old
                || db.NoteSlugHistory.Any(h => h.Slug == old && h.NoteId == n.Id))
            .OrderBy(n => n.Slug == old ? 0 : 1)
            .Select(n => n.Address)
            .FirstOrDefaultAsync(cancellationToken);
}

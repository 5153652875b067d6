using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Tags;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Notes;

public sealed record LectureCard(string Title, string Address, string? Subject, string? MediaKind, IReadOnlyList<string> Tags, DateTimeOffset UpdatedAt);

public sealed record NoteListing(string Title, string Address, string Path, DateTimeOffset UpdatedAt);

public sealed record VaultListing(string Name, string Slug, int NoteCount, IReadOnlyList<LectureCard> Lectures);

/// The home page: each vault with its note count and a few of its lectures (notes with a recording or a #lecture tag)
/// as cards, the recently updated notes and the most used tags. Its size depends on the number of vaults, never on
/// the number of notes: every note of a vault is on the vault's own page (VaultNotes).
public sealed class HomeModel
{
    /// How many lectures a vault shows: the most recently updated (a course in progress shows where it is; a new import,
    /// where it starts), in order of path, which is course order where files are numbered ("Week 03/Lecture 05"). Notes
    /// carry no date or lecture number that vaults agree on.
    const int LecturesPerVault = 12;
    const int RecentNotes = 8;

    public static readonly HomeModel Empty = new([], [], []);

    HomeModel(IReadOnlyList<VaultListing> vaults, IReadOnlyList<NoteListing> recent, IReadOnlyList<TagCount> tags)
    {
        Vaults = vaults;
        Recent = recent;
        Tags = tags;
    }

    public IReadOnlyList<VaultListing> Vaults { get; }
    public IReadOnlyList<NoteListing> Recent { get; }
    public IReadOnlyList<TagCount> Tags { get; }

    public static async Task<HomeModel> LoadAsync(StudyHubDbContext db)
    {
        var vaults = await db.Vaults.OrderBy(v => v.Name)
            .Select(v => new
            {
                v.Name,
                v.Slug,
                Notes = db.Notes.Count(n => n.VaultId == v.Id),
                Lectures = db.Notes
                    .Where(n => n.VaultId == v.Id && (n.Media.Count > 0 || n.Tags.Any(t => EF.Functions.ILike(t, "lecture"))))
                    .OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Path)
                    .Take(LecturesPerVault)
                    .Select(n => new { n.Title, n.Address, n.Path, n.Tags, n.Media, n.FrontMatter, n.UpdatedAt })
                    .ToList(),
            })
            .ToListAsync();
        var recent = await db.Notes.OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Title).Take(RecentNotes)
            .Select(n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt))
            .ToListAsync();
        var tags = await TagCounts.LoadAsync(db, limit: 30);

        // A vault the reader may read no note of is not shown at all.
        var listings = vaults.Where(v => v.Notes > 0).Select(v => new VaultListing(v.Name, v.Slug, v.Notes,
            v.Lectures.OrderBy(n => n.Path, StringComparer.Ordinal)
                .Select(n => new LectureCard(n.Title, n.Address, NoteMetadata.Parse(n.FrontMatter).Text("subject"), MediaKindOf(n.Media), n.Tags, n.UpdatedAt))
                .ToList())).ToList();
        return new HomeModel(listings, recent, tags);
    }

    static string? MediaKindOf(List<string> media) =>
        media.Select(MediaSource.FromUrl).FirstOrDefault(m => m is not null) switch
        {
            { Provider: MediaProvider.YouTube } => "YouTube video",
            { Provider: MediaProvider.Vimeo } => "Vimeo video",
            { Kind: MediaKind.Audio } => "Audio recording",
            { Kind: MediaKind.Video } => "Video recording",
            _ => null,
        };
}

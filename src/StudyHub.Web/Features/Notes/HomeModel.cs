using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Tags;
using StudyHub.Web.Features.Vaults;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Notes;

/// A lecture on the home page: the folder it sits in, and what it says about its recording (how many times in it
/// the note seeks, and its length when the vault gives it: LectureLength).
public sealed record LectureCard(string Title, string Address, string? Subject, string? Folder, string? MediaKind, int Times, int? Duration,
    IReadOnlyList<string> Tags, DateTimeOffset UpdatedAt)
{
    public string Recording => MediaKind ?? "Notes only";
}

public sealed record NoteListing(string Title, string Address, string Path, DateTimeOffset UpdatedAt)
{
    public string? Folder => FolderOf(Path);

    /// "Lectures/Week 2" for "Lectures/Week 2/Attention.md"; null at the vault's top.
    public static string? FolderOf(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : null;
}

public sealed record VaultListing(string Name, string Slug, int NoteCount, IReadOnlyList<LectureCard> Lectures)
{
    /// What every shown lecture has for a recording ("YouTube video", "Notes only"), said once for the vault rather than
    /// on each card; null when they differ or one card says it.
    public string? SharedRecording { get; } = Lectures.Count > 1 && Lectures.Select(l => l.Recording).Distinct().Count() == 1 ? Lectures[0].Recording : null;
}

/// The home page: each vault with its note count and a few of its lectures (notes with a recording or a #lecture tag)
/// as cards, the recently updated notes and the most used tags. Its size depends on the number of vaults, never on
/// the number of notes: every note of a vault is on the vault's own page (VaultNotes).
public sealed class HomeModel
{
    /// How many lectures a vault shows: the most recently updated (a course in progress shows where it is; a new import,
    /// where it starts), in course order (CoursePlace).
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
        // A vault the reader may read no note of is not shown at all. A query per vault reads its lectures from the start
        // of their index: one query of every vault's first lectures would number all of their lectures to keep a few.
        var vaults = new List<VaultListing>();
        foreach (var vault in await VaultSizes.Of(db).Where(v => v.Notes > 0).OrderBy(v => v.Name).ToListAsync())
        {
            var lectures = await db.Notes.Where(n => n.VaultId == vault.Id && n.IsLecture)
                .OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Path)
                .Take(LecturesPerVault)
                .Select(n => new
                {
                    n.Title, n.Address, n.Path, n.Tags, n.Media, n.FrontMatter, n.UpdatedAt, n.CoursePosition,
                    Times = n.Timestamps.Count(t => t.MediaIndex != null),
                })
                .ToListAsync();
            var recorded = await LectureLength.RecordedAsync(db, vault.Id, lectures.Select(n => n.Media), default);
            vaults.Add(new VaultListing(vault.Name, vault.Slug, vault.Notes, lectures
                .Select(n => (Note: n, Metadata: NoteMetadata.Parse(n.FrontMatter)))
                .OrderBy(n => n.Note.CoursePosition, StringComparer.Ordinal)
                .Select(n => new LectureCard(n.Note.Title, n.Note.Address, n.Metadata.Text("subject"), NoteListing.FolderOf(n.Note.Path),
                    MediaKindOf(n.Note.Media), n.Note.Times, LectureLength.Of(n.Metadata, n.Note.Media, recorded), n.Note.Tags, n.Note.UpdatedAt))
                .ToList()));
        }
        var recent = await db.Notes.LatestFirst().Take(RecentNotes)
            .Select(n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt))
            .ToListAsync();
        var tags = await TagCounts.LoadAsync(db, limit: 30);

        return new HomeModel(vaults, recent, tags);
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

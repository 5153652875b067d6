using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Tags;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Notes;

public sealed record LectureCard(string Title, string Address, string? Subject, string? MediaKind, IReadOnlyList<string> Tags, DateTimeOffset UpdatedAt);

public sealed record NoteListing(string Title, string Address, string Path, DateTimeOffset UpdatedAt);

public sealed record VaultListing(string Name, string Slug, IReadOnlyList<LectureCard> Lectures, IReadOnlyList<NoteListing> Notes);

/// The home page: each vault with its lectures (a note with a recording or a #lecture tag) as cards,
/// the recently updated notes and the most used tags.
public sealed class HomeModel
{
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
        var notes = await db.Notes
            .OrderBy(n => n.Vault.Name).ThenBy(n => n.Path)
            .Select(n => new { Vault = n.Vault.Name, VaultSlug = n.Vault.Slug, n.Title, n.Address, n.Path, n.Tags, n.Media, n.FrontMatter, n.UpdatedAt })
            .ToListAsync();
        var tags = await TagCounts.LoadAsync(db, limit: 30);

        var vaults = notes.GroupBy(n => (n.Vault, n.VaultSlug)).Select(vault => new VaultListing(
            vault.Key.Vault,
            vault.Key.VaultSlug,
            vault.Where(n => n.Media.Count > 0 || n.Tags.Contains("lecture", StringComparer.OrdinalIgnoreCase))
                .Select(n => new LectureCard(n.Title, n.Address, NoteMetadata.Parse(n.FrontMatter).Text("subject"), MediaKindOf(n.Media), n.Tags, n.UpdatedAt))
                .ToList(),
            vault.Select(n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt)).ToList())).ToList();
        var recent = notes.OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Title).Take(8)
            .Select(n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt)).ToList();
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

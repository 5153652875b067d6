using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Components.Listing;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Tags;

public sealed record TaggedNote(string Title, string Address, string Vault, string Path, List<string> Tags);

/// One page of the notes tagged with a tag or a tag nested under it (/tags/{name}), in order of address: by vault and
/// then by folder, which is course order where folders are numbered. The page's cursors are addresses.
public sealed record TaggedNotes(string Tag, int Count, Listing<TaggedNote> Notes)
{
    public const int PageSize = 100;

    public static string Href(string tag) => $"/tags/{tag}";

    /// Null when no note the reader may read carries the tag.
    public static async Task<TaggedNotes?> LoadAsync(StudyHubDbContext db, string tag, string? after, string? before, CancellationToken cancellationToken)
    {
        var prefix = tag + "/";
#pragma warning disable CA1310 // translated to SQL, compared as PostgreSQL does
        var notes = db.Notes.Where(n => n.Tags.Contains(tag) || n.Tags.Any(t => t.StartsWith(prefix)));
#pragma warning restore CA1310
        var count = await notes.CountAsync(cancellationToken);
        if (count == 0)
        {
            return null;
        }
        var page = await notes.PageAsync(n => n.Address, n => new TaggedNote(n.Title, n.Address, n.Vault.Name, n.Path, n.Tags), n => n.Address,
            after, before, PageSize, cancellationToken);
        return new TaggedNotes(tag, count, page);
    }

    public static bool IsUnder(string tag, string name) =>
        tag.Equals(name, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase);
}

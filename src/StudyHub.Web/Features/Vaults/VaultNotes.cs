using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Vaults;

/// One page of a vault's notes (/vaults/{slug}), in order of path, narrowed to those whose title or path contains a
/// filter. A page starts after, or ends before, a path rather than at an offset: it costs the same deep in a large
/// vault, and a link to it stays the same page while notes are added or removed elsewhere. Previous and Next are where
/// the pages beside this one end and start (its first and last paths), null where there is none.
public sealed record VaultNotes(
    string Name, string Slug, int NoteCount, int Matching, IReadOnlyList<NoteListing> Notes, bool AtStart, string? Previous, string? Next)
{
    public const int PageSize = 100;

    public static string Href(string vaultSlug) => $"/vaults/{Uri.EscapeDataString(vaultSlug)}";

    /// Null when there is no such vault or the reader may read none of its notes: the notes' query filters decide.
    public static async Task<VaultNotes?> LoadAsync(StudyHubDbContext db, string slug, string? filter, string? after, string? before,
        CancellationToken cancellationToken)
    {
        var vault = await db.Vaults.Where(v => v.Slug == slug)
            .Select(v => new { v.Id, v.Name, v.Slug, Notes = db.Notes.Count(n => n.VaultId == v.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (vault is null || vault.Notes == 0)
        {
            return null;
        }
        var notes = db.Notes.Where(n => n.VaultId == vault.Id);
        if (filter is not null)
        {
            var pattern = LikePattern.Containing(filter);
            notes = notes.Where(n => EF.Functions.ILike(n.Title, pattern, LikePattern.EscapeCharacter) || EF.Functions.ILike(n.Path, pattern, LikePattern.EscapeCharacter));
        }
        var matching = filter is null ? vault.Notes : await notes.CountAsync(cancellationToken);
        // One more than a page says whether there is another page beyond it. The paths are compared by PostgreSQL, in
        // the collation that orders the page, not in the app's culture.
        var backwards = before is not null;
#pragma warning disable CA1309, CA1310
        var rows = await (backwards
                ? notes.Where(n => string.Compare(n.Path, before) < 0).OrderByDescending(n => n.Path)
                : notes.Where(n => after == null || string.Compare(n.Path, after) > 0).OrderBy(n => n.Path))
#pragma warning restore CA1309, CA1310
            .Take(PageSize + 1)
            .Select(n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt))
            .ToListAsync(cancellationToken);
        var more = rows.Count > PageSize;
        var page = rows.Take(PageSize).ToList();
        if (backwards)
        {
            page.Reverse();
        }
        var atStart = backwards ? !more : after is null;
        var atEnd = !backwards && !more;
        return new VaultNotes(vault.Name, vault.Slug, vault.Notes, matching, page, atStart,
            atStart || page.Count == 0 ? null : page[0].Path,
            atEnd || page.Count == 0 ? null : page[^1].Path);
    }
}

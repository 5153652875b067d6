using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Components.Listing;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Vaults;

/// One page of a vault's notes (/vaults/{slug}), in order of path, narrowed to those whose title or path contains a
/// filter; the page's cursors are paths.
public sealed record VaultNotes(string Name, string Slug, int NoteCount, int Matching, Listing<NoteListing> Notes)
{
    public const int PageSize = 100;

    public static string Href(string vaultSlug) => $"/vaults/{Uri.EscapeDataString(vaultSlug)}";

    /// Null when there is no such vault or the reader may read none of its notes: the notes' query filters decide.
    public static async Task<VaultNotes?> LoadAsync(StudyHubDbContext db, string slug, string? filter, string? after, string? before,
        CancellationToken cancellationToken)
    {
        var vault = await VaultSizes.Of(db).Where(v => v.Slug == slug).SingleOrDefaultAsync(cancellationToken);
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
        var page = await notes.PageAsync(n => n.Path, n => new NoteListing(n.Title, n.Address, n.Path, n.UpdatedAt), n => n.Path,
            after, before, PageSize, cancellationToken);
        return new VaultNotes(vault.Name, vault.Slug, vault.Notes, matching, page);
    }
}

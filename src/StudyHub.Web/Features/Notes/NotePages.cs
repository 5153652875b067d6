using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Notes;

/// The note pages' models, kept in memory per import: a note only changes when a vault is imported, so a view
/// after the first reads nothing from the database. Keys carry the import version, which also moves when a
/// vault's access changes, so stale entries are never read again and age out.
public sealed class NotePages(IDbContextFactory<StudyHubDbContext> contexts, ImportVersion imports) : IDisposable
{
    static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    // Sized in characters: about 128 MB of notes at most.
    readonly MemoryCache _models = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// The note's page if it exists and this reader may read it; otherwise null.
    public async Task<NotePageModel?> GetAsync(string address, ReadAccess access, CancellationToken cancellationToken)
    {
        var version = await imports.GetAsync(cancellationToken);
        var model = await _models.GetOrCreateAsync((address, version), async entry =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var loaded = await NotePageModel.LoadAsync(db, address, cancellationToken);
            entry.Size = 1 + (loaded?.Html.Length ?? 0) + (loaded?.Description.Length ?? 0);
            entry.SlidingExpiration = Unused;
            return loaded;
        });
        return model is not null && access.MayRead(model.MembersOnly, model.NoteId) ? model : null;
    }

    public void Dispose() => _models.Dispose();
}

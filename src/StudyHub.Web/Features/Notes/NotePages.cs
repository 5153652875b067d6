using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Notes;

/// The note pages' models, kept in memory per content version (ContentCache): a note only changes when a vault is
/// imported, so a view after the first reads nothing from the database; stale entries are never read again and age out.
public sealed class NotePages(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content) : IDisposable
{
    static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    // Sized in characters: about 128 MB of notes at most.
    readonly MemoryCache _models = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024, TrackStatistics = true });

    /// The note's page if it exists and this reader may read it; otherwise null.
    public async Task<NotePageModel?> GetAsync(string address, ReadAccess access, CancellationToken cancellationToken)
    {
        var version = await content.VersionAsync(cancellationToken);
        if (!_models.TryGetValue((address, version), out NotePageModel? model))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            model = await NotePageModel.LoadAsync(db, address, cancellationToken);
            // Misses are not kept: anyone can ask for any number of addresses that do not exist.
            if (model is not null)
            {
                _models.Set((address, version), model, new MemoryCacheEntryOptions
                {
                    Size = address.Length + version.Length + model.Html.Length + model.Description.Length + model.Transcripts.Sum(t => t.Sum(c => c.Text.Length)),
                    SlidingExpiration = Unused,
                });
            }
        }
        return model is not null && access.MayRead(model.MembersOnly, model.NoteId) ? model : null;
    }

    /// The characters held, for the tests that check what a request leaves behind.
    public long Size => _models.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public void Dispose() => _models.Dispose();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StudyHub.Web.Data;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Search;

public sealed record VaultChoice(string Name, string Slug);

/// The choices the search form offers: the vaults, and the kinds of note (lecture, model, person …) in them.
public sealed record SearchFilters(IReadOnlyList<VaultChoice> Vaults, IReadOnlyList<string> Kinds)
{
    // Finding the kinds reads every readable note, so the lists are kept per content version (ContentCache).
    static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    public static async Task<SearchFilters> LoadAsync(IDbContextFactory<StudyHubDbContext> contexts, IMemoryCache cache, ContentCache content,
        CancellationToken cancellationToken)
    {
        // Members see the vaults and kinds of members-only vaults too; everyone else shares the public list.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ReadingAs(db.Access.Listing);
        var version = await content.VersionAsync(cancellationToken);
        return (await cache.GetOrCreateAsync((typeof(SearchFilters), db.ReaderIsMember, version), async entry =>
        {
            entry.SlidingExpiration = Unused;
            var vaults = await db.Vaults.Where(v => db.Notes.Any(n => n.VaultId == v.Id))
                .OrderBy(v => v.Name).Select(v => new VaultChoice(v.Name, v.Slug)).ToListAsync(cancellationToken);
            var kinds = await db.Database.SqlQuery<string>($"""
                SELECT DISTINCT studyhub_note_kind(n."Kind", c."Kind") AS "Value"
                FROM studyhub_readable_notes({db.ReaderIsMember}) n
                LEFT JOIN "ConceptCorrections" c ON c."Slug" = n."Slug"
                """).Where(k => k != null).OrderBy(k => k).ToListAsync(cancellationToken);
            return new SearchFilters(vaults, kinds);
        }))!;
    }
}

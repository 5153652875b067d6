using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Search;

public sealed record VaultChoice(string Name, string Slug);

/// The choices the search form offers: the vaults, and the kinds of note (lecture, model, person …) in them.
public sealed record SearchFilters(IReadOnlyList<VaultChoice> Vaults, IReadOnlyList<string> Kinds)
{
    // Finding the kinds reads every note's front matter; a minute-old list is good enough for a dropdown,
    // and a kind filtered on before it shows up still works.
    static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    public static async Task<SearchFilters> LoadAsync(IDbContextFactory<StudyHubDbContext> contexts, IMemoryCache cache, CancellationToken cancellationToken)
    {
        // Members see the vaults and kinds of members-only vaults too; everyone else shares the public list.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ReadingAs(db.Access.Listing);
        return (await cache.GetOrCreateAsync((typeof(SearchFilters), db.ReaderIsMember), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            var vaults = await db.Vaults.Where(v => db.Notes.Any(n => n.VaultId == v.Id))
                .OrderBy(v => v.Name).Select(v => new VaultChoice(v.Name, v.Slug)).ToListAsync(cancellationToken);
            var kinds = await db.Database.SqlQuery<string>($"""
                SELECT DISTINCT studyhub_note_kind(n."FrontMatter", n."Tags") AS "Value"
                FROM studyhub_readable_notes({db.ReaderIsMember}) n
                """).Where(k => k != null).OrderBy(k => k).ToListAsync(cancellationToken);
            return new SearchFilters(vaults, kinds);
        }))!;
    }
}

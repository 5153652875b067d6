using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Search;

/// One thing the quick switcher offers: a note, or a concept that notes link to but nobody has written yet.
public sealed record SwitcherOption(string Title, string Url, string Detail, bool IsConcept);

/// Finds notes by title or alias, and unwritten concepts by name, forgiving typos through pg_trgm. Names that start
/// with what was typed come first: the exact name, then titles, aliases and concepts, each in alphabetical order.
/// Only when fewer than eight start so, names like it follow, most alike first ("flamngo" → "Flamingo", "kiela" →
/// "Douwe Kiela"). Both read SwitcherNames through an index rather than every note's names and every link; only
/// what starts with the typed text is sorted whole, which for a single letter can be most names.
public sealed class QuickSwitcher(IDbContextFactory<StudyHubDbContext> contexts)
{
    const int MaxOptions = 8;
    const int MaxLength = 100;

    /// Names read per lookup: several names of one note (title and aliases) or of one concept (in several vaults)
    /// can match, and the options are distinct notes and concepts.
    const int NamesRead = 4 * MaxOptions;

    public async Task<IReadOnlyList<SwitcherOption>> FindAsync(string? text, CancellationToken cancellationToken)
    {
        var q = text?.Replace("\0", "", StringComparison.Ordinal).Trim() ?? "";
        if (q.Length == 0)
        {
            return [];
        }
        q = q[..Math.Min(q.Length, MaxLength)];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var options = Distinct(await StartingWithAsync(db, q, cancellationToken));
        if (options.Count < MaxOptions)
        {
            options = Distinct([.. options, .. await LikeAsync(db, q, cancellationToken)]);
        }
        return options;
    }

    static List<SwitcherOption> Distinct(IEnumerable<SwitcherOption> ranked) => ranked.DistinctBy(o => o.Url).Take(MaxOptions).ToList();

    static Task<List<SwitcherOption>> StartingWithAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken)
    {
        var pattern = q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        return db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM "SwitcherNames"
            WHERE lower("Name") LIKE lower({pattern}) || '%' ESCAPE '\'
              AND "VaultId" IN (SELECT "Id" FROM "Vaults" WHERE NOT "MembersOnly" OR {db.ReaderIsMember})
            ORDER BY lower("Name") = lower({q}) DESC, "Kind", lower("Name")
            LIMIT {NamesRead}
            """).ToListAsync(cancellationToken);
    }

    /// A name is like what was typed when it is similar as a whole (q % name) or contains a word like it
    /// (q <% name), and ranks by the better of the two. The nearest names by each measure come from the trigram
    /// GiST index (KNN), so a common trigram such as "ion" does not make every name with it a candidate.
    static Task<List<SwitcherOption>> LikeAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<SwitcherOption>($"""
            WITH readable AS (
                SELECT "Id" FROM "Vaults" WHERE NOT "MembersOnly" OR {db.ReaderIsMember}
            ), nearest AS (
                (SELECT * FROM "SwitcherNames" WHERE "VaultId" IN (SELECT "Id" FROM readable) ORDER BY "Name" <-> {q} LIMIT {NamesRead})
                UNION ALL
                (SELECT * FROM "SwitcherNames" WHERE "VaultId" IN (SELECT "Id" FROM readable) ORDER BY {q} <<-> "Name" LIMIT {NamesRead})
            )
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM nearest
            WHERE {q} % "Name" OR {q} <% "Name"
            ORDER BY greatest(similarity({q}, "Name"), word_similarity({q}, "Name")) DESC, "Kind", "Title"
            """).ToListAsync(cancellationToken);
}

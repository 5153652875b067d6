using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Search;

/// One thing the quick switcher offers: a note, or a concept that notes link to but nobody has written yet.
public sealed record SwitcherOption(string Title, string Url, string Detail, bool IsConcept);

/// Finds notes by title, file name or alias, and unwritten concepts by name, as Obsidian's switcher does: names equal to
/// what was typed first, then names starting with it, then names with a word starting with it, then names holding its
/// letters in order ("vitrans" → "Vision Transformer"), and last names like it, forgiving typos through pg_trgm
/// ("flamngo" → "Flamingo"). Among equals, written notes come before concepts and the more linked before the less.
/// The names offered are those of studyhub_switcher_offered (see the migrations SwitcherFileNamesAndLinksIn and
/// OneReadRuleForRawSql): a concept is not offered when a note the reader may read answers to its name. Each step
/// runs only while fewer than eight options are found; the first reads SwitcherNames through an index, the second
/// scans its names (about 20,000 short rows for 10,000 notes), the last takes the nearest names from a trigram index.
public sealed class QuickSwitcher(IDbContextFactory<StudyHubDbContext> contexts)
{
    const int MaxOptions = 8;
    /// The most of what was typed that is looked for; the rest is ignored.
    public const int MaxLength = 100;

    /// Names read per lookup: several names of one note (title, file name and aliases) or of one concept (in several
    /// vaults) can match, and the options are distinct notes and concepts.
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
        var options = Distinct([.. q.Contains('/', StringComparison.Ordinal) ? await AtPathAsync(db, q, cancellationToken) : [],
            .. await StartingWithAsync(db, q, cancellationToken)]);
        if (options.Count < MaxOptions)
        {
            options = Distinct([.. options, .. await WithLettersInOrderAsync(db, q, cancellationToken)]);
        }
        if (options.Count < MaxOptions)
        {
            options = Distinct([.. options, .. await LikeAsync(db, q, cancellationToken)]);
        }
        return options;
    }

    static List<SwitcherOption> Distinct(IEnumerable<SwitcherOption> ranked) => ranked.DistinctBy(o => o.Url).Take(MaxOptions).ToList();

    static Task<List<SwitcherOption>> StartingWithAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM studyhub_switcher_offered({db.ReaderIsMember})
            WHERE lower("Name") LIKE lower({LikePattern.Literal(q)}) || '%' ESCAPE '\'
            ORDER BY lower("Name") = lower({q}) DESC, "Kind" = {(int)SwitcherNameKind.Concept}, "LinksIn" DESC, "Kind", lower("Name")
            LIMIT {NamesRead}
            """).ToListAsync(cancellationToken);

    /// The notes whose path ends as typed ("Die Gefährten/meta"): Obsidian's switcher tells notes of one name apart by
    /// their folders, and a vault may have dozens of notes named "meta", more than the switcher lists. A note's address
    /// is its path, slugged (NoteAddress), so the path typed is slugged alike and matched against the end of it.
    static Task<List<SwitcherOption>> AtPathAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken)
    {
        var path = string.Join('/', q.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Slug.From));
        return db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", FALSE AS "IsConcept"
            FROM studyhub_switcher_offered({db.ReaderIsMember})
            WHERE "Kind" <> {(int)SwitcherNameKind.Concept} AND "Url" LIKE '%/' || {LikePattern.Literal(path)} ESCAPE '\'
            ORDER BY "LinksIn" DESC, "Url"
            LIMIT {NamesRead}
            """).ToListAsync(cancellationToken);
    }

    /// Names holding the typed letters in order, spaces aside, that do not start with them (those were offered already);
    /// names with a word starting with what was typed first.
    static Task<List<SwitcherOption>> WithLettersInOrderAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken)
    {
        var letters = new StringBuilder("%");
        var wordStart = new StringBuilder("(^|[^[:alnum:]])");
        foreach (var c in q.ToLowerInvariant())
        {
            if (!char.IsWhiteSpace(c))
            {
                letters.Append(LikePattern.Literal(c.ToString())).Append('%');
            }
            // In a PostgreSQL regular expression a backslash before anything but a letter or digit stands for that character.
            wordStart.Append(char.IsLetterOrDigit(c) ? "" : "\\").Append(c);
        }
        return db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM studyhub_switcher_offered({db.ReaderIsMember})
            WHERE lower("Name") LIKE {letters.ToString()} ESCAPE '\'
              AND lower("Name") NOT LIKE lower({LikePattern.Literal(q)}) || '%' ESCAPE '\'
            ORDER BY lower("Name") ~ {wordStart.ToString()} DESC, "Kind" = {(int)SwitcherNameKind.Concept}, "LinksIn" DESC, "Kind", lower("Name")
            LIMIT {NamesRead}
            """).ToListAsync(cancellationToken);
    }

    /// A name is like what was typed when it is similar as a whole (q % name) or contains a word like it
    /// (q <% name), and ranks by the better of the two. The nearest names by each measure come from the trigram
    /// GiST index (KNN), so a common trigram such as "ion" does not make every name with it a candidate.
    static Task<List<SwitcherOption>> LikeAsync(StudyHubDbContext db, string q, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<SwitcherOption>($"""
            WITH nearest AS (
                (SELECT * FROM studyhub_switcher_offered({db.ReaderIsMember}) ORDER BY "Name" <-> {q} LIMIT {NamesRead})
                UNION ALL
                (SELECT * FROM studyhub_switcher_offered({db.ReaderIsMember}) ORDER BY {q} <<-> "Name" LIMIT {NamesRead})
            )
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM nearest
            WHERE {q} % "Name" OR {q} <% "Name"
            ORDER BY greatest(similarity({q}, "Name"), word_similarity({q}, "Name")) DESC, "Kind" = {(int)SwitcherNameKind.Concept}, "LinksIn" DESC, "Kind", "Title"
            """).ToListAsync(cancellationToken);
}

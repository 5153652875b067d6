using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Search;

/// One thing the quick switcher offers: a note, or a concept that notes link to but nobody has written yet.
public sealed record SwitcherOption(string Title, string Url, string Detail, bool IsConcept);

/// Finds notes by title, file name or alias, and unwritten concepts by name, as Obsidian's switcher does: names equal to
/// what was typed first, then names starting with it, then names with a word starting with it, then names holding its
/// letters in order ("vitrans" → "Vision Transformer"), and last names like it, forgiving typos through pg_trgm
/// ("flamngo" → "Flamingo"). Among equals, written notes come before concepts and the more linked before the less.
/// The names offered are those of studyhub_switcher_offered (see the migrations SwitcherFileNamesAndLinksIn and
/// OneReadRuleForRawSql): a concept is not offered when a note the reader may read answers to its name. Each step
/// runs only while fewer than eight options are found. The names are matched in memory (SwitcherIndex, built again
/// when the content changes); what is offered is read from the database by Id, which applies the read rule again and,
/// for names like a typo, measures their likeness exactly.
public sealed class QuickSwitcher(IDbContextFactory<StudyHubDbContext> contexts, ContentCache content, ILogger<QuickSwitcher> logger)
{
    const int MaxOptions = 8;
    /// The most of what was typed that is looked for; the rest is ignored.
    public const int MaxLength = 100;

    /// Names read per lookup: several names of one note (title, file name and aliases) or of one concept (in several
    /// vaults) can match, and the options are distinct notes and concepts.
    const int NamesRead = 4 * MaxOptions;

    readonly BuiltPerVersion<SwitcherIndex> _names = new(async cancellationToken =>
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SwitcherIndex.LoadAsync(db, cancellationToken);
    }, logger, "the switcher's names");

    public async Task<IReadOnlyList<SwitcherOption>> FindAsync(string? text, CancellationToken cancellationToken)
    {
        var q = text?.Replace("\0", "", StringComparison.Ordinal).Trim() ?? "";
        if (q.Length == 0)
        {
            return [];
        }
        q = q[..Math.Min(q.Length, MaxLength)];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var member = db.ReaderIsMember;
        var (names, _) = await _names.GetAsync(await content.VersionAsync(cancellationToken), waitForFirst: true, cancellationToken);
        var options = Distinct([.. q.Contains('/', StringComparison.Ordinal) ? await AtPathAsync(db, q, cancellationToken) : [],
            .. await InOrderAsync(db, names!.StartingWith(q, member, NamesRead), cancellationToken)]);
        if (options.Count < MaxOptions)
        {
            options = Distinct([.. options, .. await InOrderAsync(db, names!.WithLettersInOrder(q, member, NamesRead), cancellationToken)]);
        }
        if (options.Count < MaxOptions)
        {
            options = Distinct([.. options, .. await LikeAsync(db, q, names!.Like(q, member, NamesRead), cancellationToken)]);
        }
        return options;
    }

    static List<SwitcherOption> Distinct(IEnumerable<SwitcherOption> ranked) => ranked.DistinctBy(o => o.Url).Take(MaxOptions).ToList();

    /// The options of these names, in the order given.
    static async Task<List<SwitcherOption>> InOrderAsync(StudyHubDbContext db, long[] ids, CancellationToken cancellationToken) =>
        ids.Length == 0 ? [] : await db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM studyhub_switcher_offered({db.ReaderIsMember})
            WHERE "Id" = ANY({ids})
            ORDER BY array_position({ids}, "Id")
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

    /// A name is like what was typed when it is similar as a whole (q % name) or contains a word like it (q <% name),
    /// and ranks by the better of the two.
    static async Task<List<SwitcherOption>> LikeAsync(StudyHubDbContext db, string q, long[] ids, CancellationToken cancellationToken) =>
        ids.Length == 0 ? [] : await db.Database.SqlQuery<SwitcherOption>($"""
            SELECT "Title", "Url", "Detail", "Kind" = {(int)SwitcherNameKind.Concept} AS "IsConcept"
            FROM studyhub_switcher_offered({db.ReaderIsMember})
            WHERE "Id" = ANY({ids}) AND ({q} % "Name" OR {q} <% "Name")
            ORDER BY greatest(similarity({q}, "Name"), word_similarity({q}, "Name")) DESC, "Kind" = {(int)SwitcherNameKind.Concept}, "LinksIn" DESC, "Kind", "Title"
            """).ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Search;

/// What the reader asked for on /search: words in web-search syntax, narrowed by vault, tag and kind.
public sealed record SearchQuery(string Text, string? Vault = null, string? Tag = null, string? Kind = null, int Page = 1)
{
    public const int PageSize = 20;
    const int MaxLength = 256;
    const int MaxPage = 500;

    /// Tidies what came from a URL: PostgreSQL rejects NUL characters, and nobody pages to 10,000.
    public static SearchQuery From(string? text, string? vault, string? tag, string? kind, int? page) => new(
        Clean(text) ?? "", Clean(vault), Clean(tag), Clean(kind)?.ToLowerInvariant(), Math.Clamp(page ?? 1, 1, MaxPage));

    static string? Clean(string? value)
    {
        var cleaned = value?.Replace("\0", "", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned[..Math.Min(cleaned.Length, MaxLength)];
    }
}

public sealed record SearchHit(string Title, string Address, string Vault, string Path, IReadOnlyList<string> Tags, string? Kind, string SnippetHtml);

/// One page of a search. Total counts the matching notes up to one more than NoteSearch.MostRanked, which stands for
/// "more than that"; Ranked is how many of them were ranked, and so can be paged through.
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, long Total, int Page, long Ranked)
{
    public bool MoreThanRanked => Total > NoteSearch.MostRanked;
    public int PageCount => (int)((Ranked + SearchQuery.PageSize - 1) / SearchQuery.PageSize);
}

/// Full-text search over the notes' weighted search vector (title and aliases, then headings and tags, then body).
public sealed partial class NoteSearch(IDbContextFactory<StudyHubDbContext> contexts)
{
    /// How much of a note's text search reads: what feeds its search vector, and what its snippet is cut from (ts_headline
    /// parses all it is given, about 3 s for a 20 MB note). A search vector records word positions only up to 16,383,
    /// about this many characters of prose, and cannot exceed 1 MB, which a few MB of distinct words would.
    public const int SearchedCharacters = 100_000;

    /// How many matches of each kind a search ranks at most (see FindAsync).
    public const int MostRanked = 1_000;

    public async Task<SearchResults> FindAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var narrowed = query.Vault is not null || query.Tag is not null || query.Kind is not null;
        if (query.Text.Length == 0 && !narrowed)
        {
            return new([], 0, query.Page, 0);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offset = (query.Page - 1) * SearchQuery.PageSize;
        var (rest, prefix) = LastWord(query.Text);
        // The notes ranked are bounded, so that a word in every note of a large vault costs what a rarer one does
        // (PostgreSQL's GIN index cannot hand out its matches best first; ranking reads every match's search vector):
        // the notes named what was searched for (title, file name or alias, through the switcher's names), up to
        // MostRanked with the words in their title, aliases, headings or tags (an index of those weights alone), and
        // the first MostRanked + 1 matches, which also count them. When a search matches no more than MostRanked notes,
        // every match is ranked. Each part stops as soon as it has its rows: the planner walks the table for common
        // words and the index for rare ones, from the statistics of each, so the query is written out in each part
        // rather than computed once. A walk in table order must not start where the last one stopped, or the part of
        // the matches ranked, and so the pages, would change from one request to the next (synchronize_seqscans).
        // The rank reads only the search vector and weighs each searched word's occurrences by where they are, not by
        // how close together they are. The kind, the vault's name and ts_headline, which re-parses the whole body,
        // come only for the page's rows. Without words, filters list all their notes by title.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronize_seqscans = off", cancellationToken);
        var rows = await db.Database.SqlQuery<SearchRow>($"""
            WITH arms AS (
                (SELECT n."Id", TRUE AS named, FALSE AS counted
                 FROM studyhub_readable_notes({db.ReaderIsMember}) n
                 JOIN "Vaults" v ON v."Id" = n."VaultId"
                 LEFT JOIN "ConceptCorrections" c ON c."Slug" = n."Slug"
                 WHERE n."Address" IN (SELECT substr(s."Url", length({NoteAddress.Prefix}) + 1) FROM "SwitcherNames" s
                                       WHERE lower(s."Name") = lower({query.Text}) AND s."Kind" <> {(int)SwitcherNameKind.Concept})
                   AND n."SearchVector" @@ studyhub_search_query({query.Text}, {rest}, {prefix})
                   AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                   AND ({query.Tag}::text IS NULL OR n."Tags" @> ARRAY[{query.Tag}::text])
                   AND ({query.Kind}::text IS NULL OR studyhub_note_kind(n."Kind", c."Kind") = {query.Kind}))
                UNION ALL
                (SELECT n."Id", FALSE, FALSE
                 FROM studyhub_readable_notes({db.ReaderIsMember}) n
                 JOIN "Vaults" v ON v."Id" = n."VaultId"
                 LEFT JOIN "ConceptCorrections" c ON c."Slug" = n."Slug"
                 WHERE studyhub_heading_words(n."SearchVector") @@ studyhub_search_query({query.Text}, {rest}, {prefix})
                   AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                   AND ({query.Tag}::text IS NULL OR n."Tags" @> ARRAY[{query.Tag}::text])
                   AND ({query.Kind}::text IS NULL OR studyhub_note_kind(n."Kind", c."Kind") = {query.Kind})
                 LIMIT {MostRanked})
                UNION ALL
                (SELECT n."Id", FALSE, TRUE
                 FROM studyhub_readable_notes({db.ReaderIsMember}) n
                 JOIN "Vaults" v ON v."Id" = n."VaultId"
                 LEFT JOIN "ConceptCorrections" c ON c."Slug" = n."Slug"
                 WHERE ({query.Text} = '' OR n."SearchVector" @@ studyhub_search_query({query.Text}, {rest}, {prefix}))
                   AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                   AND ({query.Tag}::text IS NULL OR n."Tags" @> ARRAY[{query.Tag}::text])
                   AND ({query.Kind}::text IS NULL OR studyhub_note_kind(n."Kind", c."Kind") = {query.Kind})
                 LIMIT CASE WHEN {query.Text} = '' THEN NULL ELSE {MostRanked + 1} END)
            ),
            ranked AS (
                SELECT n."Id", n."Title", a.named, a.counted,
                       ts_rank(n."SearchVector", studyhub_any_word(studyhub_search_query({query.Text}, {rest}, {prefix}))) AS rank
                FROM (SELECT "Id", bool_or(named) AS named, bool_or(counted) AS counted FROM arms GROUP BY "Id") a
                JOIN studyhub_readable_notes({db.ReaderIsMember}) n ON n."Id" = a."Id"
            )
            SELECT n."Title", n."Address", v."Name" AS "Vault", n."Path", n."Tags", studyhub_note_kind(n."Kind", c."Kind") AS "Kind",
                   (SELECT count(*) FROM ranked WHERE counted) AS "Total", (SELECT count(*) FROM ranked) AS "Ranked",
                   ts_headline('studyhub', translate(left(n."PlainText", {SearchedCharacters}), {Snippet.Sentinels}, ''),
                               studyhub_search_query({query.Text}, {rest}, {prefix}), {Snippet.HeadlineOptions}) AS "Headline"
            FROM (
                SELECT "Id", "Title", rank, named FROM ranked
                ORDER BY named DESC, rank DESC NULLS LAST, "Title", "Id"
                LIMIT {SearchQuery.PageSize} OFFSET {offset}
            ) page
            JOIN studyhub_readable_notes({db.ReaderIsMember}) n ON n."Id" = page."Id"
            JOIN "Vaults" v ON v."Id" = n."VaultId"
            LEFT JOIN "ConceptCorrections" c ON c."Slug" = n."Slug"
            ORDER BY page.named DESC, page.rank DESC NULLS LAST, page."Title", page."Id"
            """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var hits = rows.Select(r => new SearchHit(r.Title, r.Address, r.Vault, r.Path, r.Tags, r.Kind, Snippet.ToHtml(r.Headline))).ToList();
        return rows.Count == 0 ? new(hits, 0, query.Page, 0) : new(hits, rows[0].Total, query.Page, rows[0].Ranked);
    }

    /// The query with each word that no readable note spells so replaced by the closest word the notes do use
    /// ("constrastive" → "contrastive"), or null when there is nothing to correct. Only for plain words: a phrase,
    /// an exclusion or an operator is taken as meant.
    public async Task<string?> DidYouMeanAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var words = query.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 8 || !words.All(word => PlainWord().IsMatch(word)))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var corrected = new List<string>(words.Length);
        foreach (var word in words)
        {
            var closest = word.Length < 3 || word.Equals("or", StringComparison.OrdinalIgnoreCase) ? null : await db.Database.SqlQuery<string>($"""
                SELECT w."Word" AS "Value" FROM "SearchWords" w JOIN studyhub_readable_vaults({db.ReaderIsMember}) v ON v."Id" = w."VaultId"
                WHERE w."Word" % lower({word})
                GROUP BY w."Word"
                ORDER BY similarity(w."Word", lower({word})) DESC, sum(w."Notes") DESC, w."Word"
                LIMIT 1
                """).FirstOrDefaultAsync(cancellationToken);
            corrected.Add(closest ?? word);
        }
        return corrected.SequenceEqual(words, StringComparer.OrdinalIgnoreCase) ? null : string.Join(' ', corrected);
    }

    /// The words before a last word being typed, and that word, which then also matches as the start of a word
    /// ("transfo" finds "transformer"); no last word when the query ends in a phrase, an exclusion or an operator.
    internal static (string Before, string? Prefix) LastWord(string text)
    {
        var match = LastPlainWord().Match(text);
        return match.Success && text.Count(c => c == '"') % 2 == 0 && !match.Groups["word"].Value.Equals("or", StringComparison.OrdinalIgnoreCase)
            ? (text[..match.Index], match.Groups["word"].Value)
            : (text, null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)(?<word>[\p{L}\p{N}]+)$")]
    private static partial System.Text.RegularExpressions.Regex LastPlainWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{N}]+$")]
    private static partial System.Text.RegularExpressions.Regex PlainWord();

    sealed record SearchRow(string Title, string Address, string Vault, string Path, string[] Tags, string? Kind, long Total, long Ranked, string Headline);
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

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

public sealed record SearchHit(string Title, string Slug, string Vault, string Path, IReadOnlyList<string> Tags, string? Kind, string SnippetHtml);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page)
{
    public int PageCount => (Total + SearchQuery.PageSize - 1) / SearchQuery.PageSize;
}

/// Full-text search over the notes' weighted search vector (title and aliases, then headings and tags, then body).
public sealed class NoteSearch(IDbContextFactory<StudyHubDbContext> contexts)
{
    public async Task<SearchResults> FindAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (query.Text.Length == 0)
        {
            return new([], 0, query.Page);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offset = (query.Page - 1) * SearchQuery.PageSize;
        // Ranked and paged in the inner query; ts_headline, which re-parses the whole body, runs in the
        // outer one for the page's rows only. The kind is the front matter's type, or "lecture" for a note
        // tagged #lecture, as lecture notes often carry only the tag.
        var rows = await db.Database.SqlQuery<SearchRow>($"""
            SELECT page."Title", page."Slug", page."Vault", page."Path", page."Tags", page."Kind", page."Total",
                   ts_headline('studyhub', translate(n."PlainText", {Snippet.Sentinels}, ''), page.query, {Snippet.HeadlineOptions}) AS "Headline"
            FROM (
                SELECT n."Id", n."Title", n."Slug", v."Name" AS "Vault", n."Path", n."Tags", q.query, k.kind AS "Kind",
                       ts_rank(n."SearchVector", q.query) AS rank,
                       count(*) OVER () AS "Total"
                FROM "Notes" n
                JOIN "Vaults" v ON v."Id" = n."VaultId"
                CROSS JOIN websearch_to_tsquery('studyhub', {query.Text}) AS q(query)
                CROSS JOIN LATERAL (SELECT lower(coalesce(n."FrontMatter"->>'type', n."FrontMatter"->>'Type',
                    CASE WHEN n."Tags" @> ARRAY['lecture'] THEN 'lecture' END)) AS kind) k
                WHERE n."DeletedAt" IS NULL AND n."SearchVector" @@ q.query AND (NOT v."MembersOnly" OR {db.ReaderIsMember})
                  AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                  AND ({query.Tag}::text IS NULL OR n."Tags" @> ARRAY[{query.Tag}::text])
                  AND ({query.Kind}::text IS NULL OR k.kind = {query.Kind})
                ORDER BY rank DESC, n."Title"
                LIMIT {SearchQuery.PageSize} OFFSET {offset}
            ) page
            JOIN "Notes" n ON n."Id" = page."Id"
            ORDER BY page.rank DESC, page."Title"
            """).ToListAsync(cancellationToken);

        var total = rows.Count > 0 ? (int)rows[0].Total : 0;
        var hits = rows.Select(r => new SearchHit(r.Title, r.Slug, r.Vault, r.Path, r.Tags, r.Kind, Snippet.ToHtml(r.Headline))).ToList();
        return new(hits, total, query.Page);
    }

    sealed record SearchRow(string Title, string Slug, string Vault, string Path, string[] Tags, string? Kind, long Total, string Headline);
}

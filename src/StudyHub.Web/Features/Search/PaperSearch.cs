using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Papers;

namespace StudyHub.Web.Features.Search;

/// A vault's PDF where the searched words are, at its best matching page.
public sealed record PaperHit(string FileName, string Href, string Vault, int Page, string SnippetHtml);

/// Search of the text of papers (a vault's PDFs), beside NoteSearch as SpokenSearch is: pages have their own search
/// vector, and a paper has no tags or kind, so a search narrowed to either finds none.
public sealed class PaperSearch(IDbContextFactory<StudyHubDbContext> contexts)
{
    public const int MostShown = 5;

    public async Task<IReadOnlyList<PaperHit>> FindAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (query.Text.Length == 0 || query.Tag is not null || query.Kind is not null)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (rest, prefix) = NoteSearch.LastWord(query.Text);
        // Bounded and repeatable as SpokenSearch is: at most MostRanked matching pages are ranked, walked from the table's start.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronize_seqscans = off", cancellationToken);
        var rows = await db.Database.SqlQuery<PaperRow>($"""
            WITH matched AS (
                SELECT p."AttachmentId", p."Number", p."Text", ts_rank(p."SearchVector", studyhub_any_word(studyhub_search_query({query.Text}, {rest}, {prefix}))) AS rank
                FROM "PaperPages" p
                JOIN "Attachments" a ON a."Id" = p."AttachmentId"
                JOIN studyhub_readable_vaults({db.ReaderIsMember}) v ON v."Id" = a."VaultId"
                WHERE p."SearchVector" @@ studyhub_search_query({query.Text}, {rest}, {prefix})
                  AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                LIMIT {NoteSearch.MostRanked}
            ),
            best AS (
                SELECT DISTINCT ON ("AttachmentId") "AttachmentId", "Number", "Text", rank FROM matched ORDER BY "AttachmentId", rank DESC, "Number"
            )
            SELECT a."Path", a."ContentHash", v."Name" AS "Vault", b."Number",
                   ts_headline('studyhub', translate(b."Text", {Snippet.Sentinels}, ''),
                               studyhub_search_query({query.Text}, {rest}, {prefix}), {Snippet.HeadlineOptions}) AS "Headline"
            FROM (SELECT * FROM best ORDER BY rank DESC, "AttachmentId" LIMIT {MostShown}) b
            JOIN "Attachments" a ON a."Id" = b."AttachmentId"
            JOIN studyhub_readable_vaults({db.ReaderIsMember}) v ON v."Id" = a."VaultId"
            ORDER BY b.rank DESC, a."Path", b."Number"
            """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.ConvertAll(r => new PaperHit(Path.GetFileName(r.Path), PaperAddress.Href(r.ContentHash, Path.GetFileName(r.Path), r.Number), r.Vault, r.Number,
            Snippet.ToHtml(r.Headline)));
    }

    sealed record PaperRow(string Path, string ContentHash, string Vault, int Number, string Headline);
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Search;

/// A lecture where the searched words were said, at the best matching cue of its transcripts: which of its recordings
/// (0 the first) and when.
public sealed record SpokenHit(string Title, string Address, string Vault, int Recording, int Second, string SnippetHtml);

/// Search of what was said in recordings, beside NoteSearch rather than in it: cues have their own search vector, so
/// a note without a transcript costs this nothing, and a note's rank is left as it was.
public sealed class SpokenSearch(IDbContextFactory<StudyHubDbContext> contexts)
{
    /// Lectures shown for what was said: a pointer to the moments, not a second list of results to page through.
    public const int MostShown = 5;

    public async Task<IReadOnlyList<SpokenHit>> FindAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (query.Text.Length == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (rest, prefix) = NoteSearch.LastWord(query.Text);
        // Bounded as NoteSearch is: at most MostRanked matching cues are ranked, so a word said in every lecture costs
        // what a rarer one does, and the walk starts at the table's start each time, so the same search shows the same
        // lectures; the best cue of each lecture is kept, and ts_headline runs for the few shown.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronize_seqscans = off", cancellationToken);
        var rows = await db.Database.SqlQuery<SpokenRow>($"""
            WITH matched AS (
                SELECT c."NoteId", c."MediaIndex", c."Start", c."Text", ts_rank(c."SearchVector", studyhub_any_word(studyhub_search_query({query.Text}, {rest}, {prefix}))) AS rank
                FROM "TranscriptCues" c
                JOIN studyhub_readable_notes({db.ReaderIsMember}) n ON n."Id" = c."NoteId"
                JOIN "Vaults" v ON v."Id" = n."VaultId"
                LEFT JOIN "ConceptCorrections" cc ON cc."Slug" = n."Slug"
                WHERE c."SearchVector" @@ studyhub_search_query({query.Text}, {rest}, {prefix})
                  AND ({query.Vault}::text IS NULL OR v."Slug" = {query.Vault})
                  AND ({query.Tag}::text IS NULL OR n."Tags" @> ARRAY[{query.Tag}::text])
                  AND ({query.Kind}::text IS NULL OR studyhub_note_kind(n."Kind", cc."Kind") = {query.Kind})
                LIMIT {NoteSearch.MostRanked}
            ),
            best AS (
                SELECT DISTINCT ON ("NoteId") "NoteId", "MediaIndex", "Start", "Text", rank FROM matched ORDER BY "NoteId", rank DESC, "MediaIndex", "Start"
            )
            SELECT n."Title", n."Address", v."Name" AS "Vault", b."MediaIndex", b."Start",
                   ts_headline('studyhub', translate(b."Text", {Snippet.Sentinels}, ''),
                               studyhub_search_query({query.Text}, {rest}, {prefix}), {Snippet.HeadlineOptions}) AS "Headline"
            FROM (SELECT * FROM best ORDER BY rank DESC, "NoteId" LIMIT {MostShown}) b
            JOIN studyhub_readable_notes({db.ReaderIsMember}) n ON n."Id" = b."NoteId"
            JOIN "Vaults" v ON v."Id" = n."VaultId"
            ORDER BY b.rank DESC, n."Title", b."MediaIndex", b."Start"
            """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.ConvertAll(r => new SpokenHit(r.Title, r.Address, r.Vault, r.MediaIndex, r.Start / 1000, Snippet.ToHtml(r.Headline)));
    }

    sealed record SpokenRow(string Title, string Address, string Vault, int MediaIndex, int Start, string Headline);
}

using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Search;

/// One thing the quick switcher offers: a note, or a concept that notes link to but nobody has written yet.
public sealed record SwitcherOption(string Title, string Url, string Detail, bool IsConcept);

/// Finds notes by title or alias, and unwritten concepts by name, forgiving typos through pg_trgm.
public sealed class QuickSwitcher(IDbContextFactory<StudyHubDbContext> contexts)
{
    const int MaxOptions = 8;
    const int MaxLength = 100;

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
        // A name matches when it is like what was typed as a whole (similarity, "flamngo" → "Flamingo"), contains
        // a word like it (word similarity, "kiela" → "Douwe Kiela"), or starts with it. Starting with it ranks first.
        // REVIEW: aliases and link targets have no trigram index, so this reads every note's names and every
        // unresolved link; fine for thousands of notes. A gin_trgm_ops index on studyhub_join("Aliases") || "Title"
        // and one on NoteLinks."TargetText" WHERE "TargetNoteId" IS NULL would make both index lookups.
        return await db.Database.SqlQuery<SwitcherOption>($"""
            WITH concepts AS (
                SELECT min(l."TargetText") AS name, l."TargetSlug" AS slug
                FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId" JOIN "Vaults" v ON v."Id" = n."VaultId"
                WHERE l."TargetNoteId" IS NULL AND NOT l."IsAttachment" AND n."DeletedAt" IS NULL AND l."TargetText" <> ''
                  AND (NOT v."MembersOnly" OR {member})
                GROUP BY l."TargetSlug"
            ), names AS (
                SELECT n."Title", '/notes/' || n."Slug" AS "Url", v."Name" || ' · ' || n."Path" AS "Detail", false AS "IsConcept", name
                FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId"
                CROSS JOIN unnest(n."Aliases" || n."Title"::text) AS name
                WHERE n."DeletedAt" IS NULL AND (NOT v."MembersOnly" OR {member})
                UNION ALL
                SELECT name, '/concepts/' || slug, 'Not yet written', true, name FROM concepts
            )
            SELECT "Title", "Url", "Detail", "IsConcept"
            FROM names
            WHERE {q} % name OR {q} <% name OR starts_with(lower(name), lower({q}))
            GROUP BY "Title", "Url", "Detail", "IsConcept"
            ORDER BY bool_or(starts_with(lower(name), lower({q}))) DESC,
                     max(greatest(similarity({q}, name), word_similarity({q}, name))) DESC, "IsConcept", "Title"
            LIMIT {MaxOptions}
            """).ToListAsync(cancellationToken);
    }
}

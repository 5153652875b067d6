using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Search;

/// A word as the vault's notes spell it (lower-cased, not stemmed), for "did you mean" when a search finds little:
/// corrections come from the notes' own words, never from a dictionary. Kept by each import.
public sealed class SearchWord
{
    public Guid VaultId { get; set; }
    public required string Word { get; set; }

    /// How many of the vault's notes use it: of two equally close words, the commoner is suggested.
    public int Notes { get; set; }
}

sealed class SearchWordConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> word)
    {
        word.HasKey(w => new { w.VaultId, w.Word });
        word.HasOne<Vault>().WithMany().HasForeignKey(w => w.VaultId).OnDelete(DeleteBehavior.Cascade);
        // For the % (similarity) operator, which finds close spellings without reading every word.
        word.HasIndex(w => w.Word).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

/// Kept by each import: a full one counts the vault's words again, an incremental one moves the counts by the words of
/// the notes it changes. Only ids, which are ours, are written into this SQL, so it is run as written.
public static class SearchWords
{
    /// Makes the vault's words match its live notes, in the import's transaction; unchanged words are not written again.
    public static Task RefreshAsync(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken)
    {
        var refresh = $"""
            WITH wanted AS MATERIALIZED ({Counted($"\"VaultId\" = '{vaultId}'::uuid")}
            ), gone AS (
                DELETE FROM "SearchWords" s
                WHERE s."VaultId" = '{vaultId}'::uuid AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w."Word" = s."Word")
            )
            INSERT INTO "SearchWords" ("VaultId", "Word", "Notes")
            SELECT '{vaultId}'::uuid, w."Word", w."Notes" FROM wanted w
            ON CONFLICT ("VaultId", "Word") DO UPDATE SET "Notes" = excluded."Notes" WHERE "SearchWords"."Notes" <> excluded."Notes"
            """;
        return db.Database.ExecuteSqlRawAsync(refresh, cancellationToken);
    }

    /// Where an incremental import keeps, until RecountAsync, the words of the notes it is about to save as they were
    /// stored: counting the whole vault again took half of a sync of one edited note at 10,000 notes (2.6 s).
    const string WordsBefore = "import_words_before";

    /// Before an import saves its notes: sets aside the stored words of the notes whose words it changes (their title or
    /// text, or whether they are live), and returns those notes with <paramref name="added"/>, for RecountAsync.
    public static async Task<List<Guid>> SetAsideAsync(StudyHubDbContext db, IEnumerable<Guid> added, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<Note>()
            .Where(n => n.State == EntityState.Modified && (n.Property(p => p.Title).IsModified || n.Property(p => p.PlainText).IsModified
                || n.Property(p => p.DeletedAt).IsModified))
            .Select(n => n.Entity.Id).ToList();
        var setAside = $"CREATE TEMP TABLE {WordsBefore} ON COMMIT DROP AS {Counted(AmongIds(changed))}";
        await db.Database.ExecuteSqlRawAsync(setAside, cancellationToken);
        return [.. changed, .. added];
    }

    /// Once the import saved its notes: counts the words of <paramref name="notes"/> again, and moves the vault's counts
    /// by how they differ from those set aside; the vault's other notes have the words they had.
    public static async Task RecountAsync(StudyHubDbContext db, Guid vaultId, List<Guid> notes, CancellationToken cancellationToken)
    {
        var recount = $"""
            WITH change AS MATERIALIZED (
                SELECT "Word", sum("Notes")::int AS "Change"
                FROM ({Counted(AmongIds(notes))} UNION ALL SELECT "Word", -"Notes" FROM {WordsBefore}) counts
                GROUP BY "Word" HAVING sum("Notes") <> 0
            ), moved AS (
                UPDATE "SearchWords" s SET "Notes" = s."Notes" + c."Change" FROM change c WHERE s."VaultId" = '{vaultId}'::uuid AND s."Word" = c."Word"
            )
            INSERT INTO "SearchWords" ("VaultId", "Word", "Notes")
            SELECT '{vaultId}'::uuid, c."Word", c."Change" FROM change c
            WHERE NOT EXISTS (SELECT 1 FROM "SearchWords" s WHERE s."VaultId" = '{vaultId}'::uuid AND s."Word" = c."Word")
            """;
        await db.Database.ExecuteSqlRawAsync(recount, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SearchWords" WHERE "VaultId" = {vaultId} AND "Notes" <= 0""", cancellationToken);
    }

    /// The words of the live notes <paramref name="where"/> says, with how many of them use each. Only words of letters,
    /// 3 to 40 of them: numbers and fragments make poor corrections; and words past what search reads
    /// (NoteSearch.SearchedCharacters) would suggest searches that find nothing.
    static string Counted(string where) => $"""
        SELECT word AS "Word", ndoc AS "Notes"
        FROM ts_stat('SELECT to_tsvector(''simple'', "Title" || '' '' || left("PlainText", {NoteSearch.SearchedCharacters}))
            FROM studyhub_readable_notes(TRUE) WHERE {where.Replace("'", "''", StringComparison.Ordinal)}')
        WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$'
        """;

    static string AmongIds(IEnumerable<Guid> ids) => $"\"Id\" = ANY(ARRAY[{string.Join(',', ids.Select(id => $"'{id}'"))}]::uuid[])";
}

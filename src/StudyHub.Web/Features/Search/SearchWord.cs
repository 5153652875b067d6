using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;
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

public static class SearchWords
{
    /// Makes the vault's words match its live notes, in the import's transaction; unchanged words are not written again.
    /// Only words of letters, 3 to 40 of them: numbers and fragments make poor corrections.
    public static async Task RefreshAsync(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken)
    {
        // Words past what search reads (NoteSearch.SearchedCharacters) would suggest searches that find nothing.
        var notes = $"""
            SELECT to_tsvector('simple', "Title" || ' ' || left("PlainText", {NoteSearch.SearchedCharacters}))
            FROM studyhub_readable_notes(TRUE) WHERE "VaultId" = '{vaultId}'
            """;
        await db.Database.ExecuteSqlAsync($"""
            WITH wanted AS MATERIALIZED (
                SELECT word AS "Word", ndoc AS "Notes" FROM ts_stat({notes})
                WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$'
            ), gone AS (
                DELETE FROM "SearchWords" s
                WHERE s."VaultId" = {vaultId} AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w."Word" = s."Word")
            )
            INSERT INTO "SearchWords" ("VaultId", "Word", "Notes")
            SELECT {vaultId}, w."Word", w."Notes" FROM wanted w
            ON CONFLICT ("VaultId", "Word") DO UPDATE SET "Notes" = excluded."Notes" WHERE "SearchWords"."Notes" <> excluded."Notes"
            """, cancellationToken);
    }
}

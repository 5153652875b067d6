using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Tags;

/// How many of a vault's live notes carry a tag, kept by each import: counting tags from the notes themselves reads
/// every note (2 s at 100,000 notes), for a list the home page shows on every view.
public sealed class VaultTag
{
    public Guid VaultId { get; set; }
    public required string Tag { get; set; }
    public int Notes { get; set; }
}

sealed class VaultTagConfiguration : IEntityTypeConfiguration<VaultTag>
{
    public void Configure(EntityTypeBuilder<VaultTag> tag)
    {
        tag.HasKey(t => new { t.VaultId, t.Tag });
        tag.HasOne<Vault>().WithMany().HasForeignKey(t => t.VaultId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class VaultTags
{
    /// Makes the vault's counts match its live notes, in the import's transaction; unchanged counts are not written again.
    public static Task RefreshAsync(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH wanted AS MATERIALIZED (
                SELECT tag AS "Tag", count(*)::int AS "Notes"
                FROM studyhub_readable_notes(TRUE) n CROSS JOIN unnest(n."Tags") AS tag
                WHERE n."VaultId" = {vaultId}
                GROUP BY tag
            ), gone AS (
                DELETE FROM "VaultTags" t
                WHERE t."VaultId" = {vaultId} AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w."Tag" = t."Tag")
            )
            INSERT INTO "VaultTags" ("VaultId", "Tag", "Notes")
            SELECT {vaultId}, w."Tag", w."Notes" FROM wanted w
            ON CONFLICT ("VaultId", "Tag") DO UPDATE SET "Notes" = excluded."Notes" WHERE "VaultTags"."Notes" <> excluded."Notes"
            """, cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;
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

    /// Moves the vault's counts by what an import changed, in its transaction: an incremental import's few notes, where
    /// counting again would read every note. <paramref name="changes"/> are each tag's notes gained (or lost, below zero).
    public static async Task MoveAsync(StudyHubDbContext db, Guid vaultId, IReadOnlyDictionary<string, int> changes, CancellationToken cancellationToken)
    {
        var moved = changes.Where(c => c.Value != 0).ToList();
        if (moved.Count == 0)
        {
            return;
        }
        var (tags, counts) = (moved.Select(c => c.Key).ToArray(), moved.Select(c => c.Value).ToArray());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "VaultTags" ("VaultId", "Tag", "Notes")
            SELECT {vaultId}, c.tag, c.notes FROM unnest({tags}::text[], {counts}::int[]) AS c(tag, notes)
            ON CONFLICT ("VaultId", "Tag") DO UPDATE SET "Notes" = "VaultTags"."Notes" + excluded."Notes"
            """, cancellationToken);
        await db.VaultTags.Where(t => t.VaultId == vaultId && t.Notes <= 0 && tags.Contains(t.Tag)).ExecuteDeleteAsync(cancellationToken);
    }

    /// How an import moves each tag's count: by the tags of the notes it adds, and of the stored notes it changes as
    /// they were and are (a note counts while it is live). Read before the notes are saved, while their original values are known.
    public static Dictionary<string, int> ChangesOf(StudyHubDbContext db, IEnumerable<Note> added)
    {
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(IEnumerable<string> tags, DateTimeOffset? deletedAt, int by)
        {
            foreach (var tag in deletedAt is null ? tags : [])
            {
                changes[tag] = changes.GetValueOrDefault(tag) + by;
            }
        }
        foreach (var note in db.ChangeTracker.Entries<Note>().Where(n => n.State == EntityState.Modified))
        {
            Count(note.Property(n => n.Tags).OriginalValue, note.Property(n => n.DeletedAt).OriginalValue, -1);
            Count(note.Entity.Tags, note.Entity.DeletedAt, +1);
        }
        foreach (var note in added)
        {
            Count(note.Tags, null, +1);
        }
        return changes;
    }
}

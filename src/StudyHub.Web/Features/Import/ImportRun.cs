using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Import;

/// A stored import report: what one import found and did, or why it imported nothing.
public sealed class ImportRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// Null for a refused import into a vault that does not exist yet (its report still names the vault).
    public Guid? VaultId { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }

    /// The ImportReport as JSON.
    public required string Report { get; set; }

    /// Why nothing was imported, in the uploader's words; null when the import went through.
    public string? Problem { get; set; }

    /// The upload was accepted but its import broke off with an error, rather than being refused for what the zip
    /// holds: the same zip may well import when run again, so it is kept for a while (FailedImports).
    public bool Failed { get; set; }

    /// The run that retried this failed one; FailedImports.Retrying while that retry is under way.
    public Guid? RetriedAs { get; set; }
}

sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.HasIndex(r => new { r.VaultId, r.StartedAt });
        run.Property(r => r.Report).HasColumnType("jsonb");
        run.HasOne<Vault>().WithMany().HasForeignKey(r => r.VaultId).OnDelete(DeleteBehavior.Cascade);
    }
}

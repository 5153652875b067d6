using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Import;

/// A stored import report: what one import found and did.
public sealed class ImportRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VaultId { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }

    /// The ImportReport as JSON.
    public required string Report { get; set; }
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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Sync;

/// One file of a source as the last sync imported it: what the next sync compares the folder with.
public sealed class ManifestEntry
{
    public Guid SourceId { get; set; }
    public required string Path { get; set; }
    public long Size { get; set; }

    /// The file's last write time in .NET ticks (UTC): PostgreSQL's timestamps keep microseconds, the file system
    /// a tenth of one, and a time that came back rounded would look changed on every sync.
    public long ModifiedTicks { get; set; }

    /// SHA-256 of the file's bytes, read only when its size or time moved.
    public required byte[] Hash { get; set; }
}

sealed class ManifestEntryConfiguration : IEntityTypeConfiguration<ManifestEntry>
{
    public void Configure(EntityTypeBuilder<ManifestEntry> entry)
    {
        entry.ToTable("SyncManifest");
        entry.HasKey(e => new { e.SourceId, e.Path });
        entry.HasOne<SyncSource>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

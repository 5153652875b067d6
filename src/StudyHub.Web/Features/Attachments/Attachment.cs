using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Attachments;

/// A non-note file of a vault (image, audio, video, pdf …). Its bytes live in the attachment store
/// under their SHA-256, so identical files are stored once.
public sealed class Attachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VaultId { get; set; }
    public required string Path { get; set; }
    public required string ContentHash { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// An image's size in pixels from its header (ImageSize); null for other files and images whose header says none.
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// An audio or video file's length from its container's header (MediaDuration); null for other files and where the
    /// header says none.
    public TimeSpan? Duration { get; set; }

    public string FileName => System.IO.Path.GetFileName(Path);
}

/// Attachment bytes kept in PostgreSQL, keyed by content hash (the default store).
public sealed class AttachmentContent
{
    public required string ContentHash { get; set; }
    public required byte[] Bytes { get; set; }
}

sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.HasIndex(a => new { a.VaultId, a.Path }).IsUnique();
        attachment.HasIndex(a => a.ContentHash);
        attachment.Property(a => a.ContentHash).HasMaxLength(64).IsFixedLength();
        attachment.Ignore(a => a.FileName);
        attachment.HasOne<Vault>().WithMany().HasForeignKey(a => a.VaultId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> content)
    {
        content.HasKey(c => c.ContentHash);
        content.Property(c => c.ContentHash).HasMaxLength(64).IsFixedLength();
    }
}

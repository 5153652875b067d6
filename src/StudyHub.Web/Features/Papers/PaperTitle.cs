using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Attachments;

namespace StudyHub.Web.Features.Papers;

/// What a vault's PDF calls itself (PaperText.Title), read at import with its pages, for the notes whose Paper: field
/// names it. A row says the PDF was read; Title is null when it names no title.
public sealed class PaperTitle
{
    public Guid AttachmentId { get; set; }
    public string? Title { get; set; }
}

sealed class PaperTitleConfiguration : IEntityTypeConfiguration<PaperTitle>
{
    public void Configure(EntityTypeBuilder<PaperTitle> title)
    {
        title.HasKey(t => t.AttachmentId);
        title.Property(t => t.Title).HasMaxLength(300);
        title.HasOne<Attachment>().WithMany().HasForeignKey(t => t.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

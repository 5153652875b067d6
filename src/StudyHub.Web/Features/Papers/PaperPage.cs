using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Attachments;

namespace StudyHub.Web.Features.Papers;

/// The text of one page of a vault's PDF, read at import, so that search finds the page a word is on.
public sealed class PaperPage
{
    public long Id { get; set; }
    public Guid AttachmentId { get; set; }
    /// From 1, as a PDF viewer counts.
    public int Number { get; set; }
    public required string Text { get; set; }
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;
}

sealed class PaperPageConfiguration : IEntityTypeConfiguration<PaperPage>
{
    public void Configure(EntityTypeBuilder<PaperPage> page)
    {
        page.HasIndex(p => new { p.AttachmentId, p.Number }).IsUnique();
        page.HasOne<Attachment>().WithMany().HasForeignKey(p => p.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        page.Property(p => p.SearchVector).HasComputedColumnSql("""to_tsvector('studyhub', "Text")""", stored: true);
        page.HasIndex(p => p.SearchVector).HasMethod("gin");
    }
}

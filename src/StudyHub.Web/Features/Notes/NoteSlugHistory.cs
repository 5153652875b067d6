using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Notes;

/// A slug a note was once published under, so that old links answer with a permanent redirect.
public sealed class NoteSlugHistory
{
    public required string Slug { get; set; }
    public Guid NoteId { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
}

sealed class NoteSlugHistoryConfiguration : IEntityTypeConfiguration<NoteSlugHistory>
{
    public void Configure(EntityTypeBuilder<NoteSlugHistory> history)
    {
        history.HasKey(h => h.Slug);
        history.Property(h => h.Slug).HasMaxLength(300);
        history.HasOne<Note>().WithMany().HasForeignKey(h => h.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

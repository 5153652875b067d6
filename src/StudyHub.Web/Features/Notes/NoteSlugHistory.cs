using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Notes;

/// An address a note was once published under, so that old links answer with a permanent redirect: an address it
/// left when its path changed, or a slug from before notes had addresses (/notes/clip-2).
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
        history.Property(h => h.Slug).HasMaxLength(NoteAddress.MaxLength);
        history.HasOne<Note>().WithMany().HasForeignKey(h => h.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

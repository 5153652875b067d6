using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Notes;

/// The content of a note as one import saw it. A note gets a new revision whenever its file changes.
public sealed class NoteRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NoteId { get; set; }
    public int Number { get; set; }
    public required string Path { get; set; }
    public required string Markdown { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

sealed class NoteRevisionConfiguration : IEntityTypeConfiguration<NoteRevision>
{
    public void Configure(EntityTypeBuilder<NoteRevision> revision)
    {
        revision.HasIndex(r => new { r.NoteId, r.Number }).IsUnique();
        revision.Property(r => r.ContentHash).HasMaxLength(64).IsFixedLength();
        revision.HasOne<Note>().WithMany(n => n.Revisions).HasForeignKey(r => r.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

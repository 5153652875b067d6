using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Notes;

/// A video time written in a note's prose ("Pick back up at 28:00"), where it stands.
public sealed class NoteTimestamp
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }
    public int Seconds { get; set; }
    public required string Text { get; set; }
    public int Line { get; set; }
    public int Offset { get; set; }

    /// The sentence the time stands in, shown on the timeline.
    public string Context { get; set; } = "";

    /// Which of the note's Media this time seeks; null when its section has no recording (then it stays text).
    public int? MediaIndex { get; set; }
}

sealed class NoteTimestampConfiguration : IEntityTypeConfiguration<NoteTimestamp>
{
    public void Configure(EntityTypeBuilder<NoteTimestamp> timestamp)
    {
        timestamp.HasIndex(t => t.NoteId);
        timestamp.HasOne<Note>().WithMany(n => n.Timestamps).HasForeignKey(t => t.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Transcripts;

/// What was said in one of a note's recordings from Start to End (milliseconds), read from its transcript at import.
public sealed class TranscriptCue
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }

    /// Which of the note's Media was speaking.
    public int MediaIndex { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public required string Text { get; set; }
    public string? Speaker { get; set; }
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;
}

sealed class TranscriptCueConfiguration : IEntityTypeConfiguration<TranscriptCue>
{
    public void Configure(EntityTypeBuilder<TranscriptCue> cue)
    {
        cue.HasIndex(c => new { c.NoteId, c.MediaIndex, c.Start });
        cue.HasOne<Note>().WithMany().HasForeignKey(c => c.NoteId).OnDelete(DeleteBehavior.Cascade);
        // Search reads cues apart from notes, so a note without a transcript costs search nothing more.
        cue.Property(c => c.SearchVector).HasComputedColumnSql("""to_tsvector('studyhub', "Text")""", stored: true);
        cue.HasIndex(c => c.SearchVector).HasMethod("gin");
    }
}

/// A cue as the note page shows it.
public sealed record SpokenLine(int Start, int End, string Text, string? Speaker)
{
    public int StartSecond => Start / 1000;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Annotations;

public enum AnnotationVisibility { OnlyMe, Members, Public }

/// A reader's note on a passage of a note (and, for lectures, a moment of the recording), or on what was said in one of
/// the note's recordings (a transcript cue). Its anchor is kept current across re-imports; an annotation is never
/// deleted by an import.
public sealed class Annotation : IDiscussionEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NoteId { get; set; }
    public required string AuthorId { get; set; }

    /// The anchor in the note's plain text; see TextAnchor.
    public required string Quote { get; set; }
    public string Prefix { get; set; } = "";
    public string Suffix { get; set; } = "";
    public int Start { get; set; }

    /// How long the passage is now: the quote's length, or what stands between its context after an edit.
    public int Length { get; set; }
    public AnchorStatus Status { get; set; }

    /// The note revision the annotation was made on, and the heading it stood under.
    public int RevisionNumber { get; set; }
    public string? Heading { get; set; }

    /// The moment of the recording playing when the annotation was made, when the note has one.
    public int? MediaSeconds { get; set; }

    /// Which of the note's recordings MediaSeconds is a moment of, 0 the first (the lecture): the one playing when a
    /// passage was annotated, or the one whose transcript holds the cue.
    public int MediaRecording { get; set; }

    /// Set when the annotation is on a cue of a transcript rather than a passage: which of the note's recordings said
    /// it. Then Quote is the cue's words and MediaSeconds its start; the note's text does not place it (Start and Length
    /// stay 0), the transcript does (Reanchoring.FollowCues).
    public int? CueRecording { get; set; }

    public bool OnCue => CueRecording is not null;

    /// Markdown written by the reader; rendered without raw HTML.
    public required string Body { get; set; }
    public AnnotationVisibility Visibility { get; set; } = AnnotationVisibility.Members;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// A thread is resolved by its author or a moderator once its question is answered.
    public DateTimeOffset? ResolvedAt { get; set; }

    /// Hidden by an editor or admin: out of sight for everyone but its author and the moderators.
    public DateTimeOffset? HiddenAt { get; set; }

    public TextAnchor Anchor => new(Quote, Prefix, Suffix, Start);
}

sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> annotation)
    {
        annotation.HasIndex(a => new { a.NoteId, a.Start });
        annotation.Ignore(a => a.Anchor);
        annotation.Ignore(a => a.OnCue);
        annotation.Property(a => a.Quote).HasMaxLength(4000);
        annotation.Property(a => a.Body).HasMaxLength(20_000);
        annotation.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        annotation.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
        annotation.HasOne<Note>().WithMany().HasForeignKey(a => a.NoteId).OnDelete(DeleteBehavior.Cascade);
        annotation.HasOne<StudyHubUser>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

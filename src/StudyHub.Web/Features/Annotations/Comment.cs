using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Annotations;

/// A reply in an annotation's thread, or, without an annotation, a comment in the note's own thread.
public sealed class Comment : IDiscussionEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NoteId { get; set; }
    public Guid? AnnotationId { get; set; }
    public required string AuthorId { get; set; }

    /// Markdown written by the reader; rendered without raw HTML.
    public required string Body { get; set; }

    /// Who may read a note comment. A reply is read by whoever may read its annotation.
    public AnnotationVisibility Visibility { get; set; } = AnnotationVisibility.Members;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
}

sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.HasIndex(c => new { c.NoteId, c.CreatedAt });
        comment.HasIndex(c => c.AnnotationId);
        comment.Property(c => c.Body).HasMaxLength(20_000);
        comment.Property(c => c.Visibility).HasConversion<string>().HasMaxLength(20);
        comment.HasOne<Note>().WithMany().HasForeignKey(c => c.NoteId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Annotation>().WithMany().HasForeignKey(c => c.AnnotationId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<StudyHubUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

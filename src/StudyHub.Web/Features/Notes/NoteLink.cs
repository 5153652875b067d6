using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Notes;

/// One [[wikilink]] or ![[embed]] written in a note, and where it leads.
public sealed class NoteLink
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }

    /// The target as written, without heading or alias: "Meta AI Research" in [[Meta AI Research|FAIR]].
    public required string TargetText { get; set; }

    /// The concept the target names, resolved or not: Slug.From(TargetText).
    public required string TargetSlug { get; set; }
    public Guid? TargetNoteId { get; set; }
    public string? TargetAttachmentPath { get; set; }
    public string? Alias { get; set; }
    public string? Heading { get; set; }
    public string? BlockId { get; set; }
    public bool IsEmbed { get; set; }
    public bool IsAttachment { get; set; }
    public int Line { get; set; }
    public int Offset { get; set; }

    /// Which section of the note's text holds the link (see WrittenLink.Section); null for a link in a front-matter property.
    public int? Section { get; set; }

    /// The sentence the link stands in, for "linked mentions" on the target's page.
    public string Context { get; set; } = "";

    public bool IsResolved => TargetNoteId is not null || TargetAttachmentPath is not null;
}

sealed class NoteLinkConfiguration : IEntityTypeConfiguration<NoteLink>
{
    public void Configure(EntityTypeBuilder<NoteLink> link)
    {
        link.HasIndex(l => l.NoteId);
        link.HasIndex(l => l.TargetNoteId);
        link.HasIndex(l => l.TargetSlug);
        link.Ignore(l => l.IsResolved);
        link.HasOne<Note>().WithMany(n => n.Links).HasForeignKey(l => l.NoteId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Note>().WithMany().HasForeignKey(l => l.TargetNoteId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Concepts;

/// What an editor said about a concept (its kind, extra aliases). Kept apart from the vault, so that a
/// re-import never undoes it.
public sealed class ConceptCorrection
{
    /// The concept's slug: a note's slug, or Slug.From(target) for a note not yet written.
    public required string Slug { get; set; }
    public string? Kind { get; set; }
    public List<string> Aliases { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

sealed class ConceptCorrectionConfiguration : IEntityTypeConfiguration<ConceptCorrection>
{
    public void Configure(EntityTypeBuilder<ConceptCorrection> correction)
    {
        correction.HasKey(c => c.Slug);
        correction.Property(c => c.Slug).HasMaxLength(300);
        correction.Property(c => c.Kind).HasMaxLength(40);
    }
}

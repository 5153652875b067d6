using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Features.Vaults;

/// A named collection of notes imported from one Obsidian vault folder or zip.
public sealed class Vault
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastImportedAt { get; set; }

    /// Readable only by people signed in (and by holders of a share link to one of its notes).
    public bool MembersOnly { get; set; }

    /// When MembersOnly last changed: cached pages made before then are stale.
    public DateTimeOffset? AccessChangedAt { get; set; }
}

sealed class VaultConfiguration : IEntityTypeConfiguration<Vault>
{
    public void Configure(EntityTypeBuilder<Vault> vault)
    {
        vault.HasIndex(v => v.Name).IsUnique();
        vault.HasIndex(v => v.Slug).IsUnique();
        vault.Property(v => v.Name).HasMaxLength(200);
        vault.Property(v => v.Slug).HasMaxLength(200);
    }
}

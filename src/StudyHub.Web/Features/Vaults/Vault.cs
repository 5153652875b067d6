using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;

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

    /// Its notes as of the last import (deleted ones aside), kept by the import: listings say how many notes a vault
    /// has without counting them on every view.
    public int NoteCount { get; set; }

    /// Where its notes are edited, as EditLinks reads it; null shows no edit link. With the vault, not its source: the
    /// note pages show it, and a change to a vault retires them (ContentVersion).
    public string? EditLinks { get; set; }
}

/// A vault with how many of its notes the reader may read.
public sealed class VaultSize
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public int Notes { get; init; }
}

public static class VaultSizes
{
    /// Every vault with the notes the reader may read of it: all that the last import kept when the vault is open to
    /// them, else those their share link opens (none, or the one), counted through the notes' read filter.
    public static IQueryable<VaultSize> Of(StudyHubDbContext db) => db.Vaults.Select(v => new VaultSize
    {
        Id = v.Id, Name = v.Name, Slug = v.Slug,
        Notes = db.ReadableVaults.Contains(v) ? v.NoteCount : db.Notes.Count(n => n.VaultId == v.Id),
    });
}

sealed class VaultConfiguration : IEntityTypeConfiguration<Vault>
{
    public void Configure(EntityTypeBuilder<Vault> vault)
    {
        vault.HasIndex(v => v.Name).IsUnique();
        vault.HasIndex(v => v.Slug).IsUnique();
        vault.Property(v => v.Name).HasMaxLength(200);
        vault.Property(v => v.Slug).HasMaxLength(200);
        vault.Property(v => v.EditLinks).HasMaxLength(Vaults.EditLinks.MaxLength);
    }
}
